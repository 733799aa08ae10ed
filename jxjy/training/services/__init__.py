"""Writes of the training-class workflow. Each transition is its own service checking its start state."""

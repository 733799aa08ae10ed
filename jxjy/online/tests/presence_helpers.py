"""Test helpers for presence checks (在线确认)."""

from __future__ import annotations

from typing import Any


def answer_presence(learner: Any, *, correct: bool = True) -> Any:
    """Answers the learner's open presence check (an honest learner knows the answer; a wrong one
    picks another option)."""
    from jxjy.online.models import StudyLease
    from jxjy.online.services.presence import challenge_answer

    lease = StudyLease.objects.select_related("challenge").get(professional_id=learner.professional_id)
    assert lease.challenge is not None, "no presence check is open"
    answer = lease.challenge.answer
    chosen = answer if correct else [next(i for i in range(len(lease.challenge.options)) if i not in answer)]
    return challenge_answer(actor=learner, challenge=lease.challenge, chosen=chosen)

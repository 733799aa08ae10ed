from .professionals import professional_create, professional_reveal_identity, professional_update

__all__ = ["professional_create", "professional_reveal_identity", "professional_update"]

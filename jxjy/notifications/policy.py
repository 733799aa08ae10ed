"""Each user sees and marks only their own notifications."""

from django.db.models import Q

from jxjy.accounts.models import Role
from jxjy.accounts.policy import rule

for _value in Role.values:
    rule("notifications.notification", _value, "view", "change")(lambda u: Q(user_id=u.pk))

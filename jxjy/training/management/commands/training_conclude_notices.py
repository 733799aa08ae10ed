"""Daily: approve every class whose public notice has ended without an open objection."""

from django.core.management.base import BaseCommand

from jxjy.training.services.notice import public_notice_conclude_due


class Command(BaseCommand):
    help = "公示期满且无未处理异议的培训班自动批准并编号"

    def handle(self, *args: object, **options: object) -> None:
        approved = public_notice_conclude_due()
        for training_class in approved:
            self.stdout.write(f"{training_class.approval_no} {training_class.name}")
        self.stdout.write(f"共批准 {len(approved)} 个培训班")

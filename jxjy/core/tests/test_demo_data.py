from django.core.management import call_command

from jxjy.orgs.models import EmployerUnit, HRBureau
from jxjy.people.models import Professional
from jxjy.records.models import LearningRecord
from jxjy.regions.models import Region


def test_demo_data_is_realistic_deterministic_and_idempotent(db, capsys):
    call_command("load_demo", "--scale", "0.2")
    counts = (Region.objects.count(), EmployerUnit.objects.count(), Professional.objects.count(), LearningRecord.objects.count())
    first = list(Professional.objects.order_by("id_number").values_list("id_number", "name")[:50])
    call_command("load_demo", "--scale", "0.2")
    assert (Region.objects.count(), EmployerUnit.objects.count(), Professional.objects.count(), LearningRecord.objects.count()) == counts
    assert LearningRecord.objects.filter(status="recognised", year=2025).values("professional").distinct().count() == Professional.objects.count()
    assert list(Professional.objects.order_by("id_number").values_list("id_number", "name")[:50]) == first
    assert Region.objects.get(code="350504").name == "洛江区"
    assert Region.objects.get(code="350504").effective_ruleset_id() == "quanzhou-luojiang-2017"
    assert HRBureau.objects.count() == Region.objects.count()
    assert EmployerUnit.objects.count() >= 300
    assert EmployerUnit.objects.filter(ownership="non_public", supervising_authority__isnull=True).exists()
    assert_every_stage_is_filled()
    out = capsys.readouterr().out
    for username in ["hr_fuzhou", "auth_fuzhou_health", "unit_gulou_hospital", "provider_fuzhou", "pro_gulou"]:
        assert username in out


def assert_every_stage_is_filled() -> None:
    """Issue 15 item 1: the demo world in every state, walked through the services, loaded once."""
    from jxjy.providers.models import AnnualInspection, CEBase
    from jxjy.records.models import Certificate, VerificationBatch
    from jxjy.stats.models import AnnualReport, Sample
    from jxjy.training.models import Inspection, Objection, TrainingClass, TrainingPlan

    statuses = set(TrainingClass.objects.filter(name__endswith="（演示）").values_list("status", flat=True))
    assert statuses >= {"draft", "under_review", "returned", "under_notice", "approved", "recognition_submitted",
                        "recognised"}
    assert TrainingClass.objects.filter(name__endswith="（演示）").count() == 9  # the second load added none
    assert Objection.objects.filter(status="open").count() == 1
    assert Inspection.objects.filter(finding="ok").count() == 1
    assert set(CEBase.objects.values_list("tier", flat=True)) >= {"city", "county"}
    assert AnnualInspection.objects.exists()
    assert set(TrainingPlan.objects.values_list("status", flat=True)) >= {"draft", "submitted", "approved"}
    from jxjy.accounts.models import User

    pro = User.objects.get(username="pro_gulou").professional
    assert pro is not None
    assert LearningRecord.objects.filter(professional=pro, source="training_class", status="recognised").exists()
    assert Certificate.objects.filter(professional__unit=pro.unit).exists()
    assert set(VerificationBatch.objects.values_list("status", flat=True)) == {"draft", "submitted", "closed"}
    assert AnnualReport.objects.exists() and Sample.objects.exists()
    from jxjy.stats.models import Assessment

    assert sorted(Assessment.objects.values_list("outcome", flat=True)) == ["failed", "passed"]
    # every professional can be activated: an inactive account waits for each one (issue 15 item 6)
    assert not Professional.objects.filter(user__isnull=True).exists()
    assert User.objects.filter(role="professional", is_active=False).count() == Professional.objects.count() - 1

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
    out = capsys.readouterr().out
    for username in ["hr_fuzhou", "auth_fuzhou_health", "unit_gulou_hospital", "provider_fuzhou", "pro_gulou"]:
        assert username in out

import pytest

from jxjy.core.errors import ApplicationError
from jxjy.regions.models import Region
from jxjy.regions.services import region_create


def test_subtree_is_a_database_prefix_match_on_the_division_path(world):
    codes = set(Region.objects.subtree(world.fuzhou).values_list("code", flat=True))
    assert codes == {"350100", "350102", "350103"}


def test_region_create_derives_level_and_path_from_parent_and_is_audited(world):
    from jxjy.audit.models import AuditEvent

    region = region_create(actor=world.users["admin"], code="350104", name="仓山区", parent=world.fuzhou)
    assert region.level == "county"
    assert region.path == "/350000/350100/350104/"
    assert AuditEvent.objects.filter(object_type="regions.region", object_id=str(region.pk), action="create").exists()


def test_a_county_cannot_have_children(world):
    with pytest.raises(ApplicationError) as exc:
        region_create(actor=None, code="350199", name="某街道", parent=world.gulou)
    assert exc.value.field == "parent"


def test_division_code_must_be_six_digits(world):
    with pytest.raises(Exception, match="6位数字"):
        region_create(actor=None, code="35010", name="错误", parent=world.fuzhou)


def test_a_county_inherits_the_rule_set_of_its_city(world):
    assert world.gulou.effective_ruleset_id() == "fuzhou-2009"
    assert world.luojiang.effective_ruleset_id() == "quanzhou-luojiang-2017"
    assert world.province.effective_ruleset_id() == ""

import pytest

from tests.support.factories import make_union
from unions.models import Union


@pytest.fixture
def unions(db) -> list[Union]:
    """A few grassroots unions, as the unions demo would have them (one joint union)."""
    made = [make_union(name) for name in ("嘉荫县林业局工会", "嘉荫县农场工会", "朝阳镇工会",
                                         "嘉荫县医院工会", "嘉荫县供销社工会")]
    make_union("嘉荫县酒店、餐饮服务行业联合工会", kind=Union.Kind.JOINT)
    return made

import pytest

from tests.support.factories import make_union
from unions.models import Union


@pytest.fixture
def unions(db) -> list[Union]:
    """A few grassroots unions: the demo puts its workers in the active, non-joint ones."""
    joint = make_union("嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT)
    return [
        make_union("嘉荫县第一粮库工会", kind=Union.Kind.STATE_OWNED),
        make_union("嘉荫县朝阳镇社区工会", kind=Union.Kind.COMMUNITY),
        make_union("嘉荫县鑫源超市工会", kind=Union.Kind.PRIVATE, joint_union=joint),
    ]


from datetime import date

import pytest

from unions.models import Union


@pytest.fixture
def unions(db) -> list[Union]:
    """A few grassroots unions, as the unions demo would have them (one joint union)."""
    made = [Union.objects.create(name=name, kind=Union.Kind.STATE_OWNED,
                                 established_on=date(2005, 3, 1))
            for name in ("嘉荫县林业局工会", "嘉荫县农场工会", "朝阳镇工会", "嘉荫县医院工会")]
    Union.objects.create(name="嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT,
                         established_on=date(2011, 5, 1))
    return made

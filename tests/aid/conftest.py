from datetime import date

import pytest

from tests.support.factories import make_union
from unions.models import Union


@pytest.fixture
def unions(db):
    """A handful of grassroots unions, one of them an industry joint union, one dissolved."""
    made = [make_union(name=f"嘉荫县第{n}基层工会") for n in range(1, 5)]
    made.append(make_union(name="嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT))
    made.append(make_union(name="嘉荫县已撤销工会", dissolved_on=date(2010, 6, 30)))
    return made

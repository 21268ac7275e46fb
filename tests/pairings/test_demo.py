from datetime import date

import pytest

from aid.models import HardshipWorker
from pairings import demo
from pairings.models import Beneficiary, FundEntry, Helper, Pairing, Project, Round
from tests.support.factories import make_union
from unions.models import Union

pytestmark = pytest.mark.django_db


def test_demo_loaded_twice_changes_nothing(unions):
    demo.load()
    models = (HardshipWorker, Beneficiary, Helper, Pairing, Project, FundEntry, Round)
    counts = {model: model.objects.count() for model in models}
    demo.load()
    assert {model: model.objects.count() for model in models} == counts
    assert counts[HardshipWorker] == 26


def test_demo_refuses_clearly_without_unions(db):
    with pytest.raises(RuntimeError, match="unions demo"):
        demo.load()


def test_demo_refuses_with_only_joint_or_dissolved_unions(db):
    make_union("行业联合工会", kind=Union.Kind.JOINT)
    make_union("已撤销工会", dissolved_on=date(2010, 1, 1))
    with pytest.raises(RuntimeError, match="unions demo"):
        demo.load()

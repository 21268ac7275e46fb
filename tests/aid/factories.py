"""Small factory functions for the aid tests."""

from datetime import date
from decimal import Decimal
from itertools import count

from aid.models import AidCase, Campaign, HardshipWorker
from aid.validators import resident_id_checksum
from unions.models import Union

_serial = count(1)


def valid_id(body17: str) -> str:
    return body17 + resident_id_checksum(body17)


def make_union(**fields) -> Union:
    n = next(_serial)
    fields = {"name": f"测试工会{n}", "kind": Union.Kind.PRIVATE,
              "established_on": date(2005, 1, 1), **fields}
    return Union.objects.create(**fields)


def make_worker(**fields) -> HardshipWorker:
    n = next(_serial)
    if "union" not in fields:
        fields["union"] = make_union()
    fields = {
        "name": f"职工{n}",
        "id_number": valid_id(f"23072219700101{n % 1000:03d}"),
        "employment_status": HardshipWorker.EmploymentStatus.LAID_OFF,
        "hardship_level": HardshipWorker.HardshipLevel.EXTREME,
        "registered_on": date(2010, 1, 1),
        **fields,
    }
    return HardshipWorker.objects.create(**fields)


def make_campaign(**fields) -> Campaign:
    n = next(_serial)
    fields = {"name": f"送温暖{n}", "starts_on": date(2011, 12, 20),
              "ends_on": date(2012, 1, 31), "standard_amount": Decimal(500), **fields}
    return Campaign.objects.create(**fields)


def make_case(*, entered_by, **fields) -> AidCase:
    """A case saved as given (status and all), bypassing the workflow: for setting up tests."""
    if "worker" not in fields:
        fields["worker"] = make_worker()
    fields = {"kind": AidCase.Kind.LIVING, "amount": Decimal(2000),
              "granted_on": date(2012, 3, 1), **fields}
    return AidCase.objects.create(entered_by=entered_by, **fields)


"""Small factories for the pairing tests."""

from datetime import date
from decimal import Decimal

from aid.models import HardshipWorker
from aid.validators import resident_id_checksum
from pairings import services
from pairings.models import Beneficiary, Helper, Pairing, Programme, Project, Round
from unions.models import Union


def make_union(name: str = "嘉荫县测试工会", **fields) -> Union:
    fields = {"kind": Union.Kind.PRIVATE, "established_on": date(2005, 1, 1), **fields}
    return Union.objects.create(name=name, **fields)


def make_worker(number: int = 1, union: Union | None = None, **fields) -> HardshipWorker:
    first17 = f"230722197001{number % 28 + 1:02d}{number % 1000:03d}"
    union = union or Union.objects.order_by("pk").first() or make_union()
    fields = {
        "name": f"职工{number}", "union": union,
        "employment_status": HardshipWorker.EmploymentStatus.LAID_OFF,
        "hardship_level": HardshipWorker.HardshipLevel.RELATIVE,
        "registered_on": date(2010, 1, 1), **fields,
    }
    return HardshipWorker.objects.create(id_number=first17 + resident_id_checksum(first17),
                                         **fields)


def make_poverty_round(name: str = "第五轮", **fields) -> Round:
    programme, _ = Programme.objects.get_or_create(
        name="“一帮一”扶贫创业工程", defaults={"kind": Programme.Kind.POVERTY})
    fields = {"starts_on": date(2011, 3, 1), "ends_on": date(2012, 12, 31),
              "exit_target": Decimal(100), **fields}
    return Round.objects.create(programme=programme, name=name, **fields)


def make_student_round(name: str = "助学第一轮", **fields) -> Round:
    programme, _ = Programme.objects.get_or_create(
        name="助学结对", defaults={"kind": Programme.Kind.STUDENT})
    fields = {"starts_on": date(2010, 9, 1), **fields}
    return Round.objects.create(programme=programme, name=name, **fields)


def make_pairing(round_: Round, *, number: int = 1, kind: str | None = None,
                 paired_on: date | None = None, beneficiary: Beneficiary | None = None,
                 helpers: list[Helper] | None = None) -> Pairing:
    """A pair in `round_`: a worker (or base/student) with one official and one unit, or a
    party branch for student aid."""
    student = round_.programme.kind == Programme.Kind.STUDENT
    kind = kind or (Beneficiary.Kind.STUDENT if student else Beneficiary.Kind.WORKER)
    if beneficiary is None:
        if kind == Beneficiary.Kind.WORKER:
            beneficiary = services.beneficiary_for(kind=kind, worker=make_worker(number))
        else:
            beneficiary = services.beneficiary_for(kind=kind, name=f"对象{number}")
    if helpers is None:
        if student:
            helpers = [services.helper_for(kind=Helper.Kind.BRANCH, name=f"党支部{number}")]
        else:
            helpers = [services.helper_for(kind=Helper.Kind.OFFICIAL, name=f"领导{number}"),
                       services.helper_for(kind=Helper.Kind.UNIT, name=f"单位{number}")]
    return services.pairing_create(
        round_id=round_.pk, beneficiary=beneficiary, helpers=helpers,
        paired_on=paired_on or round_.starts_on,
    )


def make_project(pairing: Pairing, *, name: str = "生猪养殖", sector: str = Project.Sector.BREEDING,
                 started_on: date | None = None) -> Project:
    return services.project_create(pairing=pairing, sector=sector, name=name,
                                   started_on=started_on or pairing.paired_on)


def raise_funds(round_: Round, amount, day: date | None = None, kind: str = "raised"):
    return services.fund_entry_create(round_id=round_.pk, kind=kind, amount=Decimal(amount),
                                      entered_on=day or round_.starts_on, counterparty="县财政局")


def inject(project: Project, amount, day: date | None = None):
    return services.fund_entry_create(
        round_id=project.pairing.round_id, kind="injected", amount=Decimal(amount),
        entered_on=day or project.started_on, project=project)

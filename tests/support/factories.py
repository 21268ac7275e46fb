"""The test factories: one record with sensible defaults, every field overridable by keyword.

One set for the whole suite; a test states what matters to it and leaves the rest to these.
Records are created as given, bypassing the workflow (statuses and all) unless the factory says
it goes through a service (`make_pairing`, `make_project`, `raise_funds`, `inject`).
"""

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from accounts.models import User
from accounts.services import role_group
from activities.models import Activity
from aid.models import AidCase, ArchiveSpell, Campaign, HardshipWorker
from aid.validators import resident_id_checksum
from economy.models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn
from pairings import services as pairing_services
from pairings.models import Beneficiary, Helper, Pairing, Programme, Project, Round
from unions.models import HeadcountReturn, Union
from unions.validators import credit_code_check_character

# Numbers the factories pick themselves start here, above the small numbers tests choose
# (make_worker(3), make_pairing(round_, number=3)), so the two never give the same ID number.
_serial = count(10_000)


# Identifiers ---------------------------------------------------------------------------------

def valid_id(body17: str) -> str:
    """A resident ID number: the 17 given digits and their check character (GB 11643)."""
    return body17 + resident_id_checksum(body17)


def valid_credit_code(serial: int) -> str:
    """A unified social credit code of a union in Jiayin county (GB 32100)."""
    first17 = f"81230722{serial:08d}0"
    return first17 + credit_code_check_character(first17)


def worker_id_number(number: int) -> str:
    """The ID number of worker `number`: born in 1970 (a day later per thousand), sequence
    number % 1000; numbers below 1000 are all born on 1 January 1970."""
    born = date(1970, 1, 1) + timedelta(days=number // 1000)
    return valid_id(f"230722{born:%Y%m%d}{number % 1000:03d}")


# Accounts ------------------------------------------------------------------------------------

def make_user(role: str | None = None, username: str | None = None, **fields) -> User:
    """A user with one role (or none); the password is 'pw-for-tests-1'."""
    username = username or f"{role or 'nobody'}-{User.objects.count() + 1}"
    user = User.objects.create_user(username=username, password="pw-for-tests-1", **fields)
    if role:
        user.groups.add(role_group(role))
    return user


# Unions --------------------------------------------------------------------------------------

def make_union(name: str | None = None, **fields) -> Union:
    fields = {"kind": Union.Kind.GOVERNMENT, "established_on": date(2000, 1, 1), **fields}
    return Union.objects.create(name=name or f"测试工会{next(_serial)}", **fields)


def some_union() -> Union:
    """The first union there is, or a new one."""
    return Union.objects.order_by("pk").first() or make_union()


def make_headcount_return(union: Union, as_of: date = date(2012, 6, 30),
                          **fields) -> HeadcountReturn:
    fields = {"members": 10, "employed": 8, "laid_off": 2, "joined": 0, **fields}
    return HeadcountReturn.objects.create(union=union, as_of=as_of, **fields)


# Aid -----------------------------------------------------------------------------------------

def make_worker(number: int | None = None, union: Union | None = None,
                **fields) -> HardshipWorker:
    """Worker `number` (its name and ID number follow from it), in `union` or a new union."""
    number = next(_serial) if number is None else number
    fields = {
        "name": f"职工{number}",
        "id_number": worker_id_number(number),
        "employment_status": HardshipWorker.EmploymentStatus.LAID_OFF,
        "hardship_level": HardshipWorker.HardshipLevel.EXTREME,
        "registered_on": date(2010, 1, 1),
        **fields,
    }
    active = fields.pop("active", True)
    worker = HardshipWorker.objects.create(union=union or make_union(), **fields)
    if active:
        activate(worker, on=worker.registered_on, until=worker.exited_on)
    return worker


def activate(worker: HardshipWorker, *, on: date | None = None,
             until: date | None = None) -> HardshipWorker:
    """Make an archive active from `on` (its registration date), bypassing the procedure (an
    open spell; closed on `until` if given): for setting up tests of what follows approval."""
    on = on or worker.registered_on
    ArchiveSpell.objects.create(worker=worker, started_on=on, ended_on=until,
                                end_reason=ArchiveSpell.EndReason.OTHER if until else "")
    worker.state = HardshipWorker.State.EXITED if until else HardshipWorker.State.ACTIVE
    worker.exited_on = until
    worker.save(update_fields=["state", "exited_on"])
    return worker


def make_campaign(**fields) -> Campaign:
    fields = {"name": f"送温暖{next(_serial)}", "starts_on": date(2011, 12, 20),
              "ends_on": date(2012, 1, 31), "standard_amount": Decimal(500), **fields}
    return Campaign.objects.create(**fields)


def make_case(*, entered_by: User, **fields) -> AidCase:
    """A case saved as given (status and all), bypassing the workflow: for setting up tests."""
    if "worker" not in fields:
        fields["worker"] = make_worker()
    fields = {"kind": AidCase.Kind.LIVING, "amount": Decimal(2000),
              "granted_on": date(2012, 3, 1), **fields}
    return AidCase.objects.create(entered_by=entered_by, **fields)


# Economy -------------------------------------------------------------------------------------

def make_household(**fields) -> Household:
    fields = {"owner": "王春林", "owner_status": Household.OwnerStatus.LAID_OFF,
              "sector": Sector.AGRICULTURE, "business": "地栽木耳",
              "started_on": date(2008, 4, 10), **fields}
    if "union" not in fields:
        fields["union"] = some_union()
    return Household.objects.create(**fields)


def make_value_added_return(**fields) -> ValueAddedReturn:
    """A union's (or, given `household`, a household's) value added in 2012 H1."""
    if "union" not in fields and "household" not in fields:
        fields["union"] = some_union()
    fields = {"sector": Sector.INDUSTRY, "period_start": date(2012, 1, 1),
              "period_end": date(2012, 6, 30), "value_added": Decimal("100000"), **fields}
    return ValueAddedReturn.objects.create(**fields)


def make_target(year: int = 2012, value_added: Decimal = Decimal("319540000")) -> AnnualTarget:
    return AnnualTarget.objects.create(year=year, value_added=value_added)


def make_grant(**fields) -> SupportGrant:
    if "household" not in fields:
        fields["household"] = make_household()
    fields = {"amount": Decimal("5000"), "granted_on": date(2012, 3, 16),
              "purpose": "购买木耳菌包", **fields}
    return SupportGrant.objects.create(**fields)


# Activities ----------------------------------------------------------------------------------

def make_activity(**fields) -> Activity:
    fields = {"title": "嘉荫县第七届“信合杯”乒乓球赛", "kind": Activity.Kind.SPORTS,
              "held_on": date(2012, 1, 14), **fields}
    return Activity.objects.create(**fields)


# Pairings ------------------------------------------------------------------------------------

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
    """A pair in `round_` made by the service: a worker (or base/student) with one official and
    one unit, or a party branch for student aid."""
    student = round_.programme.kind == Programme.Kind.STUDENT
    kind = kind or (Beneficiary.Kind.STUDENT if student else Beneficiary.Kind.WORKER)
    if beneficiary is None:
        if kind == Beneficiary.Kind.WORKER:
            beneficiary = pairing_services.beneficiary_for(kind=kind, worker=make_worker(number))
        else:
            beneficiary = pairing_services.beneficiary_for(kind=kind, name=f"对象{number}")
    if helpers is None:
        if student:
            helpers = [pairing_services.helper_for(kind=Helper.Kind.BRANCH,
                                                   name=f"党支部{number}")]
        else:
            helpers = [pairing_services.helper_for(kind=Helper.Kind.OFFICIAL, name=f"领导{number}"),
                       pairing_services.helper_for(kind=Helper.Kind.UNIT, name=f"单位{number}")]
    return pairing_services.pairing_create(
        round_id=round_.pk, beneficiary=beneficiary, helpers=helpers,
        paired_on=paired_on or round_.starts_on,
    )


def make_project(pairing: Pairing, *, name: str = "生猪养殖", sector: str = Project.Sector.BREEDING,
                 started_on: date | None = None) -> Project:
    return pairing_services.project_create(pairing=pairing, sector=sector, name=name,
                                           started_on=started_on or pairing.paired_on)


def raise_funds(round_: Round, amount, day: date | None = None, kind: str = "raised"):
    return pairing_services.fund_entry_create(
        round_id=round_.pk, kind=kind, amount=Decimal(amount),
        entered_on=day or round_.starts_on, counterparty="县财政局")


def inject(project: Project, amount, day: date | None = None):
    return pairing_services.fund_entry_create(
        round_id=project.pairing.round_id, kind="injected", amount=Decimal(amount),
        entered_on=day or project.started_on, project=project)


# The archive form's choices that have a default in the model (a form posts them all).
ARCHIVE_FORM = {"health": "good", "model_worker": "none", "housing": "own", "hukou": "urban",
                "other_annual_income": "0"}

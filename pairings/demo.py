"""The demo slice: Jiayin's fifth "一帮一" round and student aid, as of 2012-06-30.

`for_period(2012-01-01, 2012-06-30)` gives the seed's figures: 30 officials and 30 units paired
with 26 hardship workers and 4 entrepreneurship bases; 30 projects (6/7/2/13/2 by sector);
250,000 yuan raised of which 200,000 injected into 24 projects of 24 workers; exit target 100%.
Student aid: 131 party branches paired with 107 students; 25,680 yuan received in 2012, all
disbursed. Idempotent: every record is found by a natural key before it is made.
"""

from datetime import date, timedelta
from decimal import Decimal

from aid.models import HardshipWorker
from aid.validators import resident_id_checksum
from unions.models import Union

from . import services
from .models import Beneficiary, FundEntry, Helper, Pairing, Programme, Project, Round

REGION = "230722"  # 嘉荫县

OFFICIALS = (
    ("王建国", "县委副书记"), ("李振华", "县委常委、组织部长"), ("张志强", "县委常委、宣传部长"),
    ("刘德胜", "县委常委、纪委书记"), ("陈永清", "县委常委、政法委书记"),
    ("杨树林", "县委常委、常务副县长"), ("赵立新", "副县长"), ("孙宏伟", "副县长"),
    ("周文彬", "副县长"), ("吴海涛", "副县长"), ("郑玉梅", "副县长"),
    ("冯国庆", "县人大常委会主任"), ("韩桂芝", "县人大常委会副主任"),
    ("曹明亮", "县人大常委会副主任"), ("许长江", "县人大常委会副主任"),
    ("邓志军", "县政协主席"), ("彭晓东", "县政协副主席"), ("曾庆余", "县政协副主席"),
    ("谢春林", "县政协副主席"), ("马文军", "县总工会主席"), ("胡世杰", "县法院院长"),
    ("郭春生", "县检察院检察长"), ("何淑兰", "县委办公室主任"), ("高永胜", "县政府办公室主任"),
    ("林雪峰", "县委常委、武装部部长"), ("罗振宇", "县长助理"), ("梁宝山", "县委常委、统战部长"),
    ("宋玉华", "县人大常委会副主任"), ("唐福林", "县政协副主席"), ("董兴旺", "县委常委、副县长"),
)
UNITS = (
    "县财政局", "县发展和改革局", "县国土资源局", "县住房和城乡建设局", "县交通运输局",
    "县水务局", "县农业局", "县林业局", "县畜牧兽医局", "县商务局", "县教育局", "县卫生局",
    "县民政局", "县人力资源和社会保障局", "县公安局", "县人民法院", "县人民检察院",
    "县地方税务局", "县国家税务局", "县工商行政管理局", "县质量技术监督局", "县审计局",
    "县统计局", "县环境保护局", "县文体广电局", "嘉荫县电业局", "县农村信用合作联社",
    "中国邮政储蓄银行嘉荫县支行", "县烟草专卖局", "中国移动嘉荫分公司",
)
# Name, year and month/day of birth, the sequence code (odd: man, even: woman); 5xx so that the
# numbers never meet the aid demo's.
WORKERS = (
    ("孙玉林", 1962, 314, 511), ("王秀英", 1965, 822, 522), ("刘长海", 1960, 105, 533),
    ("张桂兰", 1967, 419, 544), ("李春生", 1963, 1127, 555), ("赵淑芬", 1968, 603, 566),
    ("陈宝山", 1961, 918, 577), ("杨凤琴", 1964, 212, 588), ("黄志刚", 1966, 730, 591),
    ("周丽华", 1969, 1015, 502), ("吴德发", 1960, 1208, 513), ("徐秀兰", 1962, 527, 524),
    ("朱永福", 1965, 309, 535), ("马玉珍", 1967, 1121, 546), ("胡建军", 1963, 416, 557),
    ("郭淑珍", 1961, 701, 568), ("何国良", 1968, 225, 579), ("高凤霞", 1964, 813, 580),
    ("罗振江", 1966, 1102, 593), ("郑桂芝", 1969, 607, 504), ("梁满仓", 1960, 920, 515),
    ("谢玉芬", 1963, 130, 526), ("宋长顺", 1965, 717, 537), ("唐秀云", 1967, 404, 548),
    ("许德林", 1962, 1019, 559), ("韩素梅", 1968, 826, 560),
)
S = Project.Sector
# (sector, project name, started on); the last two are not funded yet.
WORKER_PROJECTS = (
    (S.BREEDING, "生猪养殖", date(2011, 4, 20)), (S.BREEDING, "肉牛养殖", date(2011, 5, 8)),
    (S.BREEDING, "林蛙养殖", date(2011, 5, 15)), (S.BREEDING, "大鹅养殖", date(2011, 6, 2)),
    (S.PLANTING, "地栽木耳", date(2011, 4, 25)), (S.PLANTING, "大棚蔬菜", date(2011, 5, 10)),
    (S.PLANTING, "蓝莓种植", date(2011, 5, 20)), (S.PLANTING, "食用菌种植", date(2011, 6, 6)),
    (S.PROCESSING, "豆腐坊", date(2011, 7, 1)), (S.COMMERCE, "便民超市", date(2011, 4, 28)),
    (S.COMMERCE, "早餐店", date(2011, 5, 5)), (S.COMMERCE, "理发店", date(2011, 5, 12)),
    (S.COMMERCE, "裁缝店", date(2011, 5, 26)), (S.COMMERCE, "家电维修部", date(2011, 6, 9)),
    (S.COMMERCE, "快餐店", date(2011, 6, 16)), (S.COMMERCE, "水果店", date(2011, 7, 7)),
    (S.COMMERCE, "农资商店", date(2011, 8, 3)), (S.COMMERCE, "洗车行", date(2011, 8, 18)),
    (S.COMMERCE, "小吃部", date(2011, 9, 6)), (S.COMMERCE, "日杂商店", date(2012, 3, 12)),
    (S.TRANSPORT, "出租车客运", date(2011, 6, 20)), (S.TRANSPORT, "农用车运输", date(2011, 7, 15)),
    (S.COMMERCE, "烧烤店", date(2012, 4, 9)), (S.BREEDING, "蜜蜂养殖", date(2012, 4, 23)),
    (S.PLANTING, "中草药种植", date(2012, 5, 14)), (S.COMMERCE, "粮油店", date(2012, 6, 4)),
)
BASES = (
    ("朝阳镇黑木耳创业基地", "朝阳镇 地栽黑木耳", S.PLANTING, "黑木耳标准化种植"),
    ("乌云镇蓝莓创业基地", "乌云镇 蓝莓种植", S.PLANTING, "蓝莓扩繁种植"),
    ("红光乡肉牛养殖创业基地", "红光乡 肉牛育肥", S.BREEDING, "肉牛育肥"),
    ("向阳乡山野菜加工创业基地", "向阳乡 山野菜加工", S.PROCESSING, "山野菜加工"),
)
FUNDED_WORKERS = 24
INJECTIONS = [Decimal(8000)] * 16 + [Decimal(9000)] * 8  # 200,000 yuan
UNIT_CONTRIBUTION = Decimal(7000)  # 30 units: 210,000 yuan
FEDERATION_CONTRIBUTION = Decimal(40000)  # and the county federation: 250,000 yuan in all

TOWNS = ("朝阳镇", "乌云镇", "乌拉嘎镇", "向阳乡", "红光乡", "保兴乡", "青山乡", "沪嘉乡")
VILLAGES = ("光明村", "新华村", "红星村", "永安村", "团结村", "胜利村", "东升村", "前进村",
            "兴隆村", "富强村", "民主村")
OFFICES = (
    "县委办公室", "县政府办公室", "县人大办公室", "县政协办公室", "县纪委", "县委组织部",
    "县委宣传部", "县委统战部", "县委政法委", "县总工会", "团县委", "县妇联", "县财政局",
    "县发展和改革局", "县国土资源局", "县住房和城乡建设局", "县交通运输局", "县水务局",
    "县农业局", "县林业局", "县畜牧兽医局", "县商务局", "县教育局", "县卫生局", "县民政局",
    "县人力资源和社会保障局", "县公安局", "县人民法院", "县人民检察院", "县地方税务局",
    "县国家税务局", "县工商行政管理局", "县质量技术监督局", "县审计局", "县统计局",
    "县环境保护局", "县文体广电局", "县司法局", "县科学技术局", "县安全生产监督管理局",
    "县食品药品监督管理局", "县粮食局", "县档案局",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ("思雨", "浩然", "欣怡", "子轩", "雨涵", "宇航", "佳琪", "俊杰", "梓涵", "博文",
         "诗琪", "天宇", "晓彤", "明轩", "雅婷", "志远", "梦瑶", "嘉豪", "婉清", "鹏飞")
SCHOOLS = ("嘉荫县第一中学", "嘉荫县第二中学", "嘉荫县朝阳镇中学", "嘉荫县乌云镇中学",
           "嘉荫县实验小学", "嘉荫县朝阳镇中心小学")
GRADES = ("初一", "初二", "初三", "高一", "高二", "高三", "五年级", "六年级")
STUDENTS = 107
TWO_BRANCH_STUDENTS = 24  # 83 students with one branch and 24 with two: 131 branches
DONATION_2011 = Decimal(200)
DISBURSEMENT_2012 = Decimal(240)  # 107 x 240 = 25,680 yuan


def _id_number(year: int, month_day: int, sequence: int) -> str:
    first17 = f"{REGION}{year}{month_day:04d}{sequence:03d}"
    return first17 + resident_id_checksum(first17)


def _workers() -> list[HardshipWorker]:
    unions = list(Union.objects.filter(dissolved_on__isnull=True).exclude(kind="joint")
                  .order_by("pk"))
    if not unions:
        raise RuntimeError(
            "The pairings demo needs the grassroots unions: load the unions demo first "
            "(no active union that is not an industry joint union was found)."
        )
    statuses = (HardshipWorker.EmploymentStatus.LAID_OFF, HardshipWorker.EmploymentStatus.EMPLOYED)
    workers = []
    for index, (name, year, month_day, sequence) in enumerate(WORKERS):
        union = unions[index % len(unions)]
        worker, _created = HardshipWorker.objects.get_or_create(
            id_number=_id_number(year, month_day, sequence),
            defaults={
                "name": name, "union": union, "employer": union.name,
                "phone": f"1394587{index:04d}",
                "employment_status": statuses[index % 2],
                "hardship_level": HardshipWorker.HardshipLevel.RELATIVE,
                "main_cause": "unemployment" if index % 2 == 0 else "illness",
                "household_size": 3 + index % 3,
                "own_monthly_income": Decimal(260 + 10 * (index % 7)) * (3 + index % 3),
                "registered_on": date(2010, 11, 1) + timedelta(days=index),
            },
        )
        workers.append(worker)
    return workers


def _pairing(round_: Round, beneficiary: Beneficiary, helpers: list[Helper],
             paired_on: date) -> Pairing:
    existing = Pairing.objects.filter(round=round_, beneficiary=beneficiary).first()
    if existing:
        return existing
    return services.pairing_create(round_id=round_.pk, beneficiary=beneficiary, helpers=helpers,
                                   paired_on=paired_on)


def _project(pairing: Pairing, sector: str, name: str, started_on: date) -> Project:
    existing = Project.objects.filter(pairing=pairing, name=name).first()
    if existing:
        return existing
    return services.project_create(pairing=pairing, sector=sector, name=name,
                                   started_on=started_on)


class Ledger:
    """A round's ledger lines, each made once: the natural key is (kind, date, pairing,
    project, counterparty)."""

    def __init__(self, round_: Round):
        self.round = round_
        self.keys = set(FundEntry.objects.filter(round=round_).values_list(
            "kind", "entered_on", "pairing_id", "project_id", "counterparty"))

    def add(self, kind: str, amount: Decimal, entered_on: date, *,
            pairing: Pairing | None = None, project: Project | None = None,
            counterparty: str = "") -> None:
        if project is not None:
            pairing = project.pairing
        key = (kind, entered_on, pairing and pairing.pk, project and project.pk, counterparty)
        if key in self.keys:
            return
        services.fund_entry_create(round_id=self.round.pk, kind=kind, amount=amount,
                                   entered_on=entered_on, pairing=pairing, project=project,
                                   counterparty=counterparty)
        self.keys.add(key)


def load_poverty_round() -> Round:
    """The fifth round: 30 pairs, 30 projects, 250,000 yuan raised, 200,000 injected."""
    programme, _ = Programme.objects.get_or_create(
        name="“一帮一”扶贫创业工程", defaults={"kind": Programme.Kind.POVERTY})
    fifth = Round.objects.filter(name="第五轮").first() or services.round_create(
        programme=programme, name="第五轮", starts_on=date(2011, 3, 1),
        ends_on=date(2012, 12, 31), exit_target=Decimal(100))
    officials = [services.helper_for(kind=Helper.Kind.OFFICIAL, name=name, organisation=post)
                 for name, post in OFFICIALS]
    units = [services.helper_for(kind=Helper.Kind.UNIT, name=name) for name in UNITS]
    beneficiaries = [services.beneficiary_for(kind=Beneficiary.Kind.WORKER, worker=worker)
                     for worker in _workers()]
    beneficiaries += [services.beneficiary_for(kind=Beneficiary.Kind.BASE, name=name,
                                               description=description)
                      for name, description, _sector, _project in BASES]
    projects = WORKER_PROJECTS + tuple(
        (sector, project, date(2011, 5, 3) + timedelta(days=7 * i))
        for i, (_name, _description, sector, project) in enumerate(BASES))

    ledger = Ledger(fifth)
    ledger.add(FundEntry.Kind.RAISED, FEDERATION_CONTRIBUTION, date(2011, 3, 20),
               counterparty="嘉荫县总工会")
    for index, unit in enumerate(units):
        ledger.add(FundEntry.Kind.RAISED, UNIT_CONTRIBUTION,
                   date(2011, 4, 1) + timedelta(days=index % 10), counterparty=unit.name)
    for index, beneficiary in enumerate(beneficiaries):
        pairing = _pairing(fifth, beneficiary, [officials[index], units[index]],
                           date(2011, 3, 15) + timedelta(days=index % 12))
        sector, name, started_on = projects[index]
        project = _project(pairing, sector, name, started_on)
        if index < FUNDED_WORKERS:
            ledger.add(FundEntry.Kind.INJECTED, INJECTIONS[index],
                       started_on + timedelta(days=10), project=project,
                       counterparty=beneficiary.display_name)
    return fifth


def _student_names() -> list[tuple[str, str]]:
    names = []
    for index in range(STUDENTS):
        name = SURNAMES[index % len(SURNAMES)] + GIVEN[(index * 7) % len(GIVEN)]
        school = SCHOOLS[index % len(SCHOOLS)]
        grade = GRADES[(index // len(SCHOOLS)) % len(GRADES)]
        names.append((name, f"{school} {grade}"))
    return names


def _branch_names() -> list[str]:
    villages = [f"{town}{village}党支部" for village in VILLAGES for town in TOWNS]
    offices = [f"{office}机关党支部" for office in OFFICES]
    return (offices + villages)[:STUDENTS + TWO_BRANCH_STUDENTS]


def load_student_aid() -> Round:
    """Student aid: 107 students, 131 branches; 25,680 yuan received and disbursed in 2012."""
    programme, _ = Programme.objects.get_or_create(
        name="基层党支部助学结对", defaults={"kind": Programme.Kind.STUDENT})
    first = Round.objects.filter(name="助学结对第一轮").first() or services.round_create(
        programme=programme, name="助学结对第一轮", starts_on=date(2010, 9, 1))
    branches = [services.helper_for(kind=Helper.Kind.BRANCH, name=name)
                for name in _branch_names()]
    pairings = []
    for index, (name, description) in enumerate(_student_names()):
        student = services.beneficiary_for(kind=Beneficiary.Kind.STUDENT, name=name,
                                           description=description)
        helpers = [branches[index]]
        if index < TWO_BRANCH_STUDENTS:
            helpers.append(branches[STUDENTS + index])
        pairings.append(_pairing(first, student, helpers,
                                 date(2010, 9, 10) + timedelta(days=index % 20)))
    ledger = Ledger(first)
    # Spring 2011: each pair's branch gives 200 yuan and the student receives it.
    for index, pairing in enumerate(pairings):
        ledger.add(FundEntry.Kind.DONATION, DONATION_2011,
                   date(2011, 3, 7) + timedelta(days=index % 10), pairing=pairing,
                   counterparty=branches[index].name)
        ledger.add(FundEntry.Kind.DISBURSED, DONATION_2011, date(2011, 3, 25),
                   pairing=pairing, counterparty=pairing.beneficiary.display_name)
    # 2012: 105 branches give 200 yuan and 26 give 180 (25,680 yuan); each student gets 240.
    owner = {}
    for index, pairing in enumerate(pairings):
        owner[index] = pairing
        if index < TWO_BRANCH_STUDENTS:
            owner[STUDENTS + index] = pairing
    for index, branch in enumerate(branches):
        amount = Decimal(200) if index < 105 else Decimal(180)
        ledger.add(FundEntry.Kind.DONATION, amount,
                   date(2012, 3, 1) + timedelta(days=index % 20), pairing=owner[index],
                   counterparty=branch.name)
    for index, pairing in enumerate(pairings):
        ledger.add(FundEntry.Kind.DISBURSED, DISBURSEMENT_2012,
                   date(2012, 4, 10) + timedelta(days=index % 15), pairing=pairing,
                   counterparty=pairing.beneficiary.display_name)
    return first


def load() -> None:
    """Load the fifth round and student aid; running it again changes nothing."""
    load_poverty_round()
    load_student_aid()

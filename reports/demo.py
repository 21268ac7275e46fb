"""The demo county: Jiayin County's 2012 first half, built from individual records."""

from datetime import date
from importlib import import_module

from django.apps import apps
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DEMO_USERS, load_users

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "load", "load_summary", "load_users"]

# Domain apps in dependency order; each has demo.load(), idempotent.
DOMAIN_APPS = ("unions", "aid", "pairings", "economy", "activities")
# The demo's federation (a real installation names its own on the first-run setup page).
DEMO_FEDERATION = {"name": "嘉荫县总工会", "county": "嘉荫县", "addressee": "伊春市总工会"}


# Our own short narrative for the demo's draft summary (the seed's figures are facts; its
# sentences are not ours).
DEMO_NARRATIVE = {
    "opening": (
        "上半年，县总工会在市总工会和县委的领导下，围绕全县中心工作，坚持组织职工、服务职工、"
        "维护职工权益，把帮扶困难职工和发展职工自营经济作为重点，各项工作稳步推进。"
        "现将上半年工作情况和下半年工作安排报告如下。"
    ),
    "lead_economy": (
        "按照全市工会工作会议和县委工作会议确定的目标，县总工会引导广大职工发展自营经济，"
        "使其成为拉动全县经济发展的一支重要力量。"
    ),
    "lead_aid": "送温暖是工会联系职工、帮助困难职工的重要途径。",
    "remark_economy": (
        "我们以地栽木耳、特色养殖等项目为抓手，发挥发展基金的引导作用，帮助自营经济户解决"
        "生产和销售中的实际困难。"
    ),
    "remark_pairings": "各帮扶对子按季度走访对接，帮扶项目运行正常，资金专款专用。",
    "remark_aid": "两节期间的走访慰问做到了入户见人，救助资金按程序审批后发放到户。",
    "remark_organisation": (
        "我们坚持在新建企业和社区同步组建工会，推动行业联合工会覆盖小微企业职工，"
        "并与团县委、文体局联合开展职工文体活动。"
    ),
    "remark_own_work": (
        "机关坚持周五集中学习和上下班签到制度，开展作风纪律整顿，查摆问题、完善制度，"
        "干部精神面貌有了新的变化。"
    ),
    "plans": (
        "一是继续扶持职工自营经济，力争完成全年增加值任务。\n"
        "二是抓好第五轮扶贫创业工程，确保年末帮扶对象全部脱贫。\n"
        "三是做好金秋助学和困难职工档案的动态管理。\n"
        "四是扩大工会组织覆盖面，巩固行业联合工会。"
    ),
    "signed_on": date(2012, 7, 6),
}


def load_summary() -> None:
    """The federation and the draft narrative of the 2012 first-half summary."""
    from .models import Federation, Summary

    if not Federation.objects.exists():
        Federation.objects.create(**DEMO_FEDERATION)
    Summary.objects.get_or_create(year=2012, half="h1", defaults=DEMO_NARRATIVE)


def load(*, force_users: bool = False) -> list[str]:
    """Load users (see accounts.demo.load_users), every domain app's slice in dependency order,
    and the draft summary."""
    loaded = []
    with transaction.atomic():
        load_users(force=force_users)
        for label in DOMAIN_APPS:
            if apps.is_installed(label):
                import_module(f"{label}.demo").load()
                loaded.append(label)
        load_summary()
    return loaded

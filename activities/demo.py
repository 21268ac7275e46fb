"""The activities of the demo county: the seed's three in the first half of 2012, and 2011's.

Running load() again changes nothing.
"""

from datetime import date

from django.db import transaction

from unions.models import Union

from .models import Activity

SPORTS, CONTEST = Activity.Kind.SPORTS, Activity.Kind.CONTEST
COUNTY, CITY = Activity.Level.COUNTY, Activity.Level.CITY
CO_ORGANISERS = "团县委、文体局"

ACTIVITIES = (
    {
        "title": "嘉荫县第六届“信合杯”乒乓球赛", "kind": SPORTS, "edition": 6, "cup": "信合杯",
        "held_on": date(2011, 1, 22), "level": COUNTY, "co_organisers": CO_ORGANISERS,
        "participants": "全县职工、中小学生和驻军官兵", "participant_count": 96,
        "unions": range(6),
        "results": "", "awards": "",
    },
    {
        "title": "嘉荫县第二届“邮储银行杯”环城赛", "kind": SPORTS, "edition": 2,
        "cup": "邮储银行杯", "held_on": date(2011, 4, 29), "level": COUNTY,
        "co_organisers": CO_ORGANISERS, "participants": "全县职工、中小学生和军警",
        "participant_count": 210, "unions": range(8), "results": "", "awards": "",
    },
    {
        # During the two festivals (New Year and the Spring Festival of 23 January 2012).
        "title": "嘉荫县第七届“信合杯”乒乓球赛", "kind": SPORTS, "edition": 7, "cup": "信合杯",
        "held_on": date(2012, 1, 14), "level": COUNTY, "co_organisers": CO_ORGANISERS,
        "participants": "全县职工、中小学生和驻军官兵", "participant_count": 108,
        "unions": range(7),
        "results": "比赛设男子、女子单打和团体三个项目，历时两天圆满结束。", "awards": "",
    },
    {
        # On the eve of May Day.
        "title": "嘉荫县第三届“邮储银行杯”环城赛", "kind": SPORTS, "edition": 3,
        "cup": "邮储银行杯", "held_on": date(2012, 4, 28), "level": COUNTY,
        "co_organisers": CO_ORGANISERS, "participants": "全县职工、中小学生和军警",
        "participant_count": 236, "unions": range(10), "results": "", "awards": "",
    },
    {
        "title": "全市职工“十佳歌手”大奖赛", "kind": CONTEST, "edition": None, "cup": "",
        "held_on": date(2012, 6, 8), "level": CITY, "co_organisers": "",
        "participants": "县总工会组织推荐的职工歌手", "participant_count": 3, "unions": (4,),
        "results": "推荐选手进入决赛。",
        "awards": "获得优秀组织奖，推荐选手获得了全市“十佳职工歌手”称号",
    },
)


@transaction.atomic
def load() -> None:
    """The demo county's activities; they need the unions demo loaded first."""
    unions = list(Union.objects.filter(dissolved_on__isnull=True).exclude(kind="joint")
                  .order_by("pk"))
    if not unions:
        raise RuntimeError(
            "The activities demo needs grassroots unions: load the unions demo first "
            "(no active union other than an industry joint union was found)."
        )
    for fields in ACTIVITIES:
        lookup = {"title": fields["title"], "held_on": fields["held_on"]}
        values = {k: v for k, v in fields.items() if k not in lookup and k != "unions"}
        activity = Activity.objects.filter(**lookup).first()
        if activity is None or any(getattr(activity, k) != v for k, v in values.items()):
            activity = activity or Activity(**lookup)
            for field, value in values.items():
                setattr(activity, field, value)
            activity.full_clean()
            activity.save()
        # Participating unions: the first few of the registry (a city contest: one union's singer).
        wanted = {unions[i % len(unions)].pk for i in fields["unions"]}
        if set(activity.unions.values_list("pk", flat=True)) != wanted:
            activity.unions.set(wanted)

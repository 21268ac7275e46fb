"""What the synthetic steps share: the context they write through, the years of the history and
the vocabulary of names and places."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from .writer import Writer

FIRST_YEAR, LAST_YEAR = 2016, 2025
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭"
            "吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌"
         "海波宏春梅凤云福金玲燕辉鹏飞晓东雪琴彬浩宇欣怡佳俊")
COUNTIES = ("嘉荫", "汤旺", "铁力", "乌伊岭", "伊春", "带岭", "五营", "红星", "新青", "美溪",
            "翠峦", "友好", "上甘岭", "金山屯", "南岔", "西林", "桃山", "朗乡", "双丰", "桦南")


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def phone(rng: random.Random) -> str:
    return f"13{rng.randint(0, 999_999_999):09d}"


@dataclass
class Context:
    """What the steps share: scale, seed, the writer and the ids of what was written."""

    scale: float
    seed: int
    writer: Writer
    staff_id: int = 0
    leader_id: int = 0
    unions: list = field(default_factory=list)  # (id, county, established, dissolved)
    workers: list = field(default_factory=list)  # (id, registered, exited)
    households: list = field(default_factory=list)  # per worker: (size, level, county)
    fund_sources: dict = field(default_factory=dict)  # (year, case kind) -> FundSource id
    paid_cases: object = None  # synthetic_funds.PaidCases, filled as the cases are written
    case_ids: object = None  # the ids of the aid cases, in the order they are written

    def rng(self, section: str) -> random.Random:
        return random.Random(f"{self.seed}:{section}")  # noqa: S311 (test data, not secrets)

    def count(self, per_county: float, minimum: int = 1) -> int:
        return max(minimum, round(per_county * self.scale))


def moment(day: date, hour: int = 9) -> datetime:
    """A time on `day` (UTC): when a generated record was entered or decided."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)

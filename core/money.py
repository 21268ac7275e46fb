"""Money, once: Decimal yuan shown as 元 or 万元 as the summary writes them, the money field of
queries, sums that are never NULL, and the one percent helper."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

TEN_THOUSAND = Decimal(10000)
ZERO = Decimal("0.00")
# The output field of money expressions (the models' DecimalField(max_digits=14, decimal_places=2)).
MONEY = DecimalField(max_digits=14, decimal_places=2)
ONE_DECIMAL = Decimal("0.1")


def money_sum(expression: str, condition: Q | None = None) -> Coalesce:
    """SUM of a money column (optionally filtered), 0.00 instead of NULL when nothing matches."""
    return Coalesce(Sum(expression, filter=condition), Value(ZERO), output_field=MONEY)


def percent(part: Decimal | int, whole: Decimal | int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, rounded half up; None without a whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _grouped(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"


def yuan(amount: Decimal | int | None, places: int = 0) -> str:
    """70000 -> '70,000元'; whole yuan unless places are asked for ('—' for no value)."""
    if amount is None:
        return "—"
    amount = Decimal(amount)
    if places == 0 and amount != amount.to_integral_value():
        places = 2
    return _("%(amount)s yuan") % {"amount": _grouped(amount, places)}


def wan_number(amount: Decimal | int | None, places: int = 2) -> str:
    """66500 -> '6.65' (the number of 万元, without the unit)."""
    if amount is None:
        return "—"
    value = Decimal(amount) / TEN_THOUSAND
    quantum = Decimal(1).scaleb(-places)
    return str(value.quantize(quantum, rounding=ROUND_HALF_UP))


def wan(amount: Decimal | int | None, places: int = 2) -> str:
    """66500 -> '6.65万元'; 25680 with places=3 -> '2.568万元'."""
    if amount is None:
        return "—"
    return _("%(amount)s ten-thousand yuan") % {"amount": wan_number(amount, places)}

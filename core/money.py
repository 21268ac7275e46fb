"""The one money formatter: Decimal yuan shown as 元 or 万元, as the summary writes them."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

TEN_THOUSAND = Decimal(10000)


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

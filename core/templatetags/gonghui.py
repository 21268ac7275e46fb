"""Template helpers shared by every app: role checks and money in 元/万元."""

from decimal import Decimal

from django import template

from accounts.roles import has_role as _has_role
from core.money import wan, yuan

register = template.Library()


@register.filter
def has_role(user, roles: str) -> bool:
    """`{% if user|has_role:"staff,admin" %}`."""
    return _has_role(user, *[r.strip() for r in roles.split(",")])


@register.filter(name="yuan")
def yuan_filter(amount: Decimal | None) -> str:
    return yuan(amount)


@register.filter(name="wan")
def wan_filter(amount: Decimal | None, places: int = 2) -> str:
    return wan(amount, places=int(places))

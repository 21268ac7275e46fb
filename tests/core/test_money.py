from decimal import Decimal

from django.utils import translation

from core.money import wan, wan_number, yuan


def test_wan_uses_two_decimals_as_the_summary_does():
    with translation.override("zh-hans"):
        assert wan(Decimal("66500")) == "6.65万元"
        assert wan(Decimal("174146100")) == "17414.61万元"


def test_wan_can_keep_three_decimals():
    assert wan_number(Decimal("25680"), places=3) == "2.568"


def test_yuan_groups_thousands_and_drops_zero_fen():
    with translation.override("zh-hans"):
        assert yuan(Decimal("70000.00")) == "70,000元"
        assert yuan(Decimal("12.5")) == "12.50元"


def test_missing_amount_is_a_dash():
    assert yuan(None) == "—"
    assert wan(None) == "—"

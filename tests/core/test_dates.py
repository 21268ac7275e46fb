"""core.dates: the range of a typed date, in validators, forms, list filters and imports."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.migrations.writer import MigrationWriter

from core import imports
from core.dates import EARLIEST, DateRangeValidator, is_sane, sane_years, validate_typed_date
from core.forms import DateField, PeriodForm
from tests.support.scripts import ARABIC_INDIC, full_width, in_script

TODAY = date(2026, 3, 10)
A_YEAR_AHEAD = date(2027, 3, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)


@pytest.mark.parametrize("day", [EARLIEST, date(2012, 6, 30), TODAY, A_YEAR_AHEAD])
def test_dates_from_1949_10_01_to_a_year_ahead_pass(day):
    validate_typed_date(day)


@pytest.mark.parametrize("day", [date.min, date(1899, 12, 31), EARLIEST - timedelta(days=1),
                                 A_YEAR_AHEAD + timedelta(days=1), date(9999, 12, 31),
                                 date.max])
def test_dates_outside_are_refused_naming_the_range(day):
    with pytest.raises(ValidationError) as refused:
        validate_typed_date(day)
    assert refused.value.code == "date_range"
    assert refused.value.params == {"earliest": "1949-10-01", "latest": "2027-03-10"}


def test_a_year_after_29_february_is_28_february(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2028, 2, 29))
    assert validate_typed_date.bounds()[1] == date(2029, 2, 28)


def test_a_bound_of_its_own_and_today_as_the_latest():
    birth = DateRangeValidator(date(1900, 1, 1), years_ahead=0)
    birth(date(1900, 1, 1))
    birth(TODAY)
    for day in (date(1899, 12, 31), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError):
            birth(day)


def test_the_validator_is_written_into_migrations_and_compares_equal():
    written, _imports = MigrationWriter.serialize(DateRangeValidator(date(1900, 1, 1),
                                                                     years_ahead=0))
    assert written == "core.dates.DateRangeValidator(datetime.date(1900, 1, 1), years_ahead=0)"
    assert DateRangeValidator() == validate_typed_date
    assert DateRangeValidator(years_ahead=0) != validate_typed_date


def test_sane_dates_and_years():
    assert is_sane(EARLIEST)
    assert is_sane(A_YEAR_AHEAD)
    assert not is_sane(date.min)
    assert not is_sane(date.max)
    assert not is_sane(None)
    assert sane_years() == range(1949, 2028)


def test_the_form_field_refuses_out_of_range_and_reads_other_digits():
    field = DateField()
    assert field.clean(in_script("2012-06-30", ARABIC_INDIC)) == date(2012, 6, 30)
    assert field.clean(full_width("2012-06-30")) == date(2012, 6, 30)
    for typed in ("0001-01-01", "1899-12-31", "9999-12-31", "2027-03-11"):
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert [error.code for error in refused.value.error_list] == ["date_range"]


def test_the_date_picker_is_limited_to_the_range():
    html = str(PeriodForm()["start"])
    assert 'type="date"' in html
    assert 'min="1949-10-01"' in html
    assert 'max="2027-03-10"' in html


def test_a_form_field_with_a_bound_of_its_own_draws_that_bound():
    field = DateField(validators=[DateRangeValidator(date(1900, 1, 1), years_ahead=0)])
    html = field.widget.render("born", None)
    assert 'min="1900-01-01"' in html
    assert 'max="2026-03-10"' in html


def test_a_period_form_with_an_impossible_start_is_invalid_not_a_crash():
    form = PeriodForm({"start": "0001-01-01", "end": "2012-06-30"})
    assert not form.is_valid()
    assert "start" in form.errors


@pytest.mark.parametrize(("cell", "read"), [
    ("2012-06-30", date(2012, 6, 30)), (in_script("2012年6月30日", ARABIC_INDIC),
                                         date(2012, 6, 30)),
    (date(1949, 10, 1), date(1949, 10, 1)),
])
def test_an_import_column_reads_dates_in_range(cell, read):
    assert imports.day()(cell) == read


@pytest.mark.parametrize("cell", [date.min, date(1899, 12, 31), date.max, "9999-12-31",
                                  "0001-01-01", "2027-03-11"])
def test_an_import_column_refuses_dates_out_of_range_with_a_message(cell):
    with pytest.raises(ValueError, match="1949-10-01"):
        imports.day()(cell)

"""No page answers 500 whatever date a record holds (issue 14, item 2; DESIGN §5).

On the demo county, the first record of every model with a date gets every date set to one
extreme with `QuerySet.update()` (around every check, as legacy or restored data would); then
every page of the project (tests/security/catalogue.py), lists, details, exports and the summary,
is opened by each role.
"""

from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.test import Client

from tests.security.catalogue import demo_objects, project_pages, url_for

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("unions", "aid", "pairings", "economy", "activities")


def _stored(model: type[models.Model], pk: int, names: list[str], day: date) -> bool:
    try:
        with transaction.atomic():
            model._default_manager.filter(pk=pk).update(**dict.fromkeys(names, day))
    except IntegrityError:
        return False
    return True


def date_everything(day: date) -> list[str]:
    """Every date the first record of each model holds set to `day`; the models changed."""
    changed = []
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            first = model._default_manager.order_by("pk").first()
            if first is None or model._meta.object_name.startswith("Historical"):
                continue
            dates = [field.name for field in model._meta.concrete_fields
                     if isinstance(field, models.DateField)
                     and not isinstance(field, models.DateTimeField)
                     and getattr(first, field.name) is not None]
            # All the record's dates at once (a period from and to the day); where the
            # database's own constraints refuse that (an agreement must expire after it is
            # signed), one date at a time, leaving as it was what cannot be stored.
            if _stored(model, first.pk, dates, day) or any(
                    [_stored(model, first.pk, [name], day) for name in dates]):
                changed.append(model._meta.label)
    return changed


@pytest.mark.parametrize("day", [date.min, date(1899, 12, 31), date.max],
                         ids=["date.min", "1899-12-31", "date.max"])
def test_no_page_answers_500_whatever_date_a_record_holds(demo_county, day):
    users = demo_county.users
    objects = demo_objects(users["leader"])
    changed = date_everything(day)
    assert {"aid.AidCase", "economy.ValueAddedReturn", "unions.HeadcountReturn",
            "pairings.FundEntry", "activities.Activity"} <= set(changed)
    failed = []
    for who in ("staff", "leader", "admin"):
        client = Client(raise_request_exception=False)
        client.force_login(users[who])
        for page in project_pages():
            url = url_for(page, objects, users["admin"])
            status = client.get(url).status_code
            if status >= 500:
                failed.append(f"{url} as {who}: {status}")
    assert not failed, "\n".join(failed)

"""Every model with a `version` raises it on every save path (core.versioning), the Django admin
included: a form opened before a change, on the site or in the admin, is refused as stale.

The tests walk every versioned model of the project and every admin page that edits one, so a
model or admin added later is covered or makes them fail.
"""

from datetime import date
from decimal import Decimal
from itertools import count

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import transaction
from django.forms import CheckboxInput
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.services import role_group
from aid.models import (
    ArchiveSettings,
    FundAllocation,
    FundSource,
    LivingStandard,
    PaymentBatch,
)
from core.admin import VersionedAdmin, VersionedInline
from core.locking import STALE_MESSAGE, lock_version
from core.versioning import is_versioned
from reports.models import Summary
from tests.support import factories as f

pytestmark = pytest.mark.django_db


_serial = count(1)  # numbers the rows below make unique


def make_fund_source():
    return FundSource.objects.create(name=f"资金{next(_serial)}", kind="own")


def make_round():
    return f.make_poverty_round(name=f"第{next(_serial)}轮")


def make_pairing():
    return f.make_pairing(make_round(), number=next(_serial))


# One way to make a row of each versioned model (a model missing here fails the first test).
FACTORIES = {
    "unions.Union": f.make_union,
    "unions.HeadcountReturn": lambda: f.make_headcount_return(f.make_union()),
    "aid.HardshipWorker": f.make_worker,
    "aid.Campaign": f.make_campaign,
    "aid.AidCase": lambda: f.make_case(entered_by=f.make_user(Role.STAFF)),
    "aid.LivingStandard": lambda: LivingStandard.objects.create(
        year=1990 + next(_serial) % 110, monthly_amount=Decimal(300)),
    "aid.ArchiveSettings": lambda: ArchiveSettings.objects.create(),
    "economy.Household": lambda: f.make_household(union=f.make_union()),
    "economy.ValueAddedReturn": lambda: f.make_value_added_return(union=f.make_union()),
    "economy.AnnualTarget": lambda: f.make_target(year=2000 + next(_serial)),
    "economy.SupportGrant": lambda: f.make_grant(household=f.make_household(union=f.make_union())),
    "activities.Activity": f.make_activity,
    "pairings.Round": make_round,
    "pairings.Pairing": make_pairing,
    "pairings.Project": lambda: f.make_project(make_pairing()),
    "pairings.FundEntry": lambda: f.raise_funds(make_round(), 1000),
    "reports.Summary": lambda: Summary.objects.create(year=2012, half="h1", opening="开头"),
    "aid.FundSource": make_fund_source,
    "aid.FundAllocation": lambda: FundAllocation.objects.create(
        source=make_fund_source(), year=2012, amount=1000, received_on=date(2012, 1, 5)),
    "aid.PaymentBatch": lambda: PaymentBatch.objects.create(
        name="第一批", method="cash", created_by=f.make_user(Role.STAFF)),
}

# The site's edit page of each model that has one (the forms a stale save must be refused on).
EDIT_PAGES = {
    "unions.Union": "unions:union-update",
    "unions.HeadcountReturn": "unions:headcount-update",
    "economy.Household": "economy:household-update",
    "economy.ValueAddedReturn": "economy:return-update",
    "economy.AnnualTarget": "economy:target-update",
    "economy.SupportGrant": "economy:grant-update",
    "activities.Activity": "activities:activity-update",
    "pairings.Round": "pairings:round-update",
    "pairings.Project": "pairings:project-update",
}


def label(model) -> str:
    return model._meta.label


def versioned_models() -> list:
    return [model for model in apps.get_models() if is_versioned(model)]


def versioned_admins() -> list:
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if is_versioned(model)]


def row_of(model):
    return FACTORIES[label(model)]()


def stored_version(obj) -> int:
    return type(obj)._default_manager.values_list("version", flat=True).get(pk=obj.pk)


def test_every_versioned_model_has_a_factory_here():
    assert {label(m) for m in versioned_models()} == set(FACTORIES)


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_a_plain_save_raises_the_version(name):
    obj = row_of(apps.get_model(name))
    before = stored_version(obj)
    type(obj)._default_manager.get(pk=obj.pk).save()
    assert stored_version(obj) == before + 1


def test_a_save_that_raised_the_version_itself_raises_it_once():
    union = f.make_union()
    with transaction.atomic():
        union.version = lock_version(type(union), union.pk, seen=union.version)
        union.save()
    assert stored_version(union) == 1


def test_a_stale_object_saved_without_a_lock_still_raises_the_version():
    union = f.make_union()
    first, second = (type(union).objects.get(pk=union.pk) for _ in range(2))
    first.save()
    second.save()  # last write wins, but the version keeps rising: forms opened before refuse
    assert stored_version(union) == 2


def test_saving_only_some_fields_raises_the_version_too():
    union = f.make_union()
    union.chair = "李四"
    union.save(update_fields=["chair"])
    assert stored_version(union) == 1


def test_a_raw_save_keeps_the_version():
    # loaddata and import_all restore rows as they were exported.
    union = f.make_union()
    union.version = 7
    union.save_base(raw=True)
    assert stored_version(union) == 7


def test_a_new_row_starts_at_version_zero():
    assert f.make_union().version == 0


# --- the Django admin -------------------------------------------------------------------------

def widget_of(field):
    widget = field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def form_data(*forms) -> dict:
    """What a browser would send back for these forms, unchanged."""
    data = {}
    for form in forms:
        for bound in form:
            widget, value = widget_of(bound.field), bound.value()
            if isinstance(widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
                continue
            shown = widget.format_value(value)
            data[bound.html_name] = "" if shown is None else shown
    return data


def admin_page_data(response) -> dict:
    """The admin change form and its inlines (with their management forms), as shown."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", ()):  # none on history pages
        forms += [inline.formset.management_form, *inline.formset.forms]
    return form_data(*forms)


@pytest.fixture
def admin_client(admin_user):
    admin_user.groups.add(role_group(Role.STAFF))  # also a site editor, for the site's forms
    client = Client()
    client.force_login(admin_user)
    return client


def editable_in_admin(admin_user) -> list:
    request = type("Request", (), {"user": admin_user})()
    return [(model, model_admin) for model, model_admin in versioned_admins()
            if model_admin.has_change_permission(request)]


def test_every_versioned_model_in_the_admin_is_walked(admin_user):
    editable = {label(model) for model, _ in editable_in_admin(admin_user)}
    assert editable  # unions, economy, activities, pairings
    assert editable <= set(FACTORIES)
    assert "reports.Summary" not in editable  # the narrative: staff and leaders, on the site


def test_saving_each_admin_change_page_raises_the_version_and_stales_site_forms(
        admin_client, admin_user):
    for model, _model_admin in editable_in_admin(admin_user):
        obj = row_of(model)
        before = stored_version(obj)
        site = None
        if label(model) in EDIT_PAGES:
            site = reverse(EDIT_PAGES[label(model)], args=[obj.pk])
            opened = form_data(admin_client.get(site).context["form"])
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                      args=[obj.pk])
        response = admin_client.post(url, admin_page_data(admin_client.get(url)))
        assert response.status_code == 302, (label(model), response.context
                                             and response.context["adminform"].form.errors)
        assert stored_version(obj) == before + 1, label(model)
        if site:
            refused = admin_client.post(site, opened)
            assert refused.status_code == 200, label(model)
            assert str(STALE_MESSAGE) in refused.content.decode(), label(model)
            assert stored_version(obj) == before + 1, label(model)


def test_the_issues_scenario_staff_household_form_after_an_admin_change(admin_client, staff):
    household = f.make_household(owner="王春林")
    clerk = Client()
    clerk.force_login(staff)
    site = reverse("economy:household-update", args=[household.pk])
    opened = form_data(clerk.get(site).context["form"])
    url = reverse("admin:economy_household_change", args=[household.pk])
    data = admin_page_data(admin_client.get(url))
    data["business"] = "管理员改的经营项目"
    assert admin_client.post(url, data).status_code == 302
    refused = clerk.post(site, {**opened, "business": "职员改的经营项目"})
    assert str(STALE_MESSAGE) in refused.content.decode()
    household.refresh_from_db()
    assert household.business == "管理员改的经营项目"


def test_an_admin_form_opened_before_a_site_save_is_refused(admin_client):
    union = f.make_union(chair="张三")
    url = reverse("admin:unions_union_change", args=[union.pk])
    opened = admin_page_data(admin_client.get(url))
    site = reverse("unions:union-update", args=[union.pk])
    data = form_data(admin_client.get(site).context["form"])
    assert admin_client.post(site, {**data, "chair": "网页改的"}).status_code == 302
    response = admin_client.post(url, {**opened, "chair": "后台改的"})
    assert response.status_code == 200
    assert str(STALE_MESSAGE) in response.content.decode()
    union.refresh_from_db()
    assert union.chair == "网页改的"


def test_an_inline_row_opened_before_a_site_save_is_refused(admin_client):
    union = f.make_union()
    headcount = f.make_headcount_return(union, members=10)
    url = reverse("admin:unions_union_change", args=[union.pk])
    opened = admin_page_data(admin_client.get(url))
    headcount.members = 11
    headcount.save()
    prefix = next(key[:-len("-id")] for key, value in opened.items()
                  if key.endswith("-id") and str(value) == str(headcount.pk))
    response = admin_client.post(url, {**opened, f"{prefix}-members": "12"})
    assert response.status_code == 200
    assert str(STALE_MESSAGE) in response.content.decode()
    headcount.refresh_from_db()
    assert headcount.members == 11


def test_every_admin_and_inline_of_a_versioned_model_checks_the_version():
    for model, model_admin in admin.site._registry.items():
        if is_versioned(model):
            assert isinstance(model_admin, VersionedAdmin), label(model)
        for inline in model_admin.inlines:
            if is_versioned(inline.model):
                assert issubclass(inline, VersionedInline), label(inline.model)


def test_no_versioned_record_is_reverted_from_its_audit_trail(admin_client, admin_user):
    # A revert writes an old row whole, past the stale check (and, for read-only records such
    # as the summary or the fund ledger, past the read-only admin): refused.
    for model, _model_admin in versioned_admins():
        obj = row_of(model)
        record = obj.history.order_by("-history_id").first()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
                      args=[obj.pk, record.history_id])
        page = admin_client.get(url)
        assert page.status_code == 200, label(model)
        response = admin_client.post(url, admin_page_data(page))
        assert response.status_code == 403, label(model)
        assert stored_version(obj) == 0, label(model)


# --- the summary's narrative is written on the site, not in the admin (DESIGN §4) ---------------

def test_the_summary_narrative_cannot_be_changed_in_the_django_admin(admin_client):
    summary = Summary.objects.create(year=2012, half="h1", opening="原来的开头")
    url = reverse("admin:reports_summary_change", args=[summary.pk])
    page = admin_client.get(url)
    assert page.status_code == 200  # shown, read-only
    assert 'name="opening"' not in page.content.decode()
    response = admin_client.post(url, {"year": 2012, "half": "h1", "opening": "管理员改的"})
    assert response.status_code == 403
    summary.refresh_from_db()
    assert summary.opening == "原来的开头"
    assert admin_client.get(reverse("admin:reports_summary_add")).status_code == 403
    delete = reverse("admin:reports_summary_delete", args=[summary.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Summary.objects.filter(pk=summary.pk).exists()


def test_a_new_row_made_in_the_admin_starts_at_version_zero(admin_client):
    url = reverse("admin:economy_annualtarget_add")
    response = admin_client.post(url, {"year": 2031, "value_added": "1000"})
    assert response.status_code == 302
    assert apps.get_model("economy.AnnualTarget").objects.get(year=2031).version == 0


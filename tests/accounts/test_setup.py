"""First run: no federation yet. An administrator's first page is the setup; nothing names the
demo county unless the demo is loaded."""

from decimal import Decimal

import pytest
from django.db.models import NOT_PROVIDED
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from aid.models import LivingStandard
from core.periods import Period
from reports import services
from reports.models import Federation
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db

SETUP = reverse("reports:setup")
SETTINGS = reverse("reports:federation")
FEDERATION = {"federation-name": "汤旺县总工会", "federation-county": "汤旺县",
              "federation-addressee": "伊春市总工会"}
LINE = {"line-year": str(timezone.localdate().year), "line-monthly_amount": "560"}


@pytest.fixture
def new_admin(db):
    """An administrator of a new installation (no federation)."""
    return make_user(Role.ADMIN, "first-admin", set_up=False, full_name="王管理",
                     is_staff=True, is_superuser=True)


def test_the_federation_has_no_default_name():
    assert Federation._meta.get_field("name").default is NOT_PROVIDED
    assert Federation.current().name == ""
    assert not Federation.objects.exists()  # asking creates nothing


def test_an_admins_first_sign_in_leads_to_the_setup(client, new_admin):
    response = client.post(reverse("login"), {"username": new_admin.username,
                                              "password": "pw-for-tests-1"}, follow=True)
    assert response.redirect_chain[-1][0] == SETUP
    assert "首次设置" in response.content.decode()
    for page in (reverse("home"), reverse("unions:union-list"), reverse("accounts:user-list"),
                 reverse("admin:index")):
        assert client.get(page).url == SETUP, page


def test_the_setup_saves_the_federation_and_then_the_pages_open(client, new_admin):
    client.force_login(new_admin)
    response = client.post(SETUP, {**FEDERATION, **LINE})
    assert response.status_code == 302
    assert response.url == reverse("home")
    federation = Federation.objects.get()
    assert (federation.name, federation.county, federation.addressee) == (
        "汤旺县总工会", "汤旺县", "伊春市总工会")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("unions:union-list")).status_code == 200
    document = services.assemble(Period(2012, "h1")).document
    assert document.title == "汤旺县总工会2012年上半年工作总结"
    assert document.addressee == "伊春市总工会"


def test_the_setup_needs_a_name_and_a_county(client, new_admin):
    client.force_login(new_admin)
    response = client.post(SETUP, {"federation-name": "", "federation-county": ""})
    assert response.status_code == 200
    form = response.context["forms"][0]
    assert form.errors["name"]
    assert form.errors["county"]
    assert not Federation.objects.exists()


def test_other_roles_are_not_sent_to_the_setup_but_told_at_sign_in(client, staff):
    response = client.post(reverse("login"), {"username": staff.username,
                                              "password": "pw-for-tests-1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "系统尚未完成首次设置" in response.content.decode()
    assert client.get(reverse("aid:case-list")).status_code == 200
    assert client.get(SETUP).status_code == 403


def test_a_new_installation_shows_no_demo_county(client, new_admin, staff):
    pages = [client.get(reverse("login")).content.decode()]
    client.force_login(staff)
    pages += [client.get(reverse("home")).content.decode(),
              client.get(reverse("reports:summary", args=[2012, "h1"])).content.decode()]
    client.force_login(new_admin)
    pages += [client.get(SETUP).content.decode()]
    assert all("嘉荫" not in page for page in pages)
    assert "嘉荫" not in services.assemble(Period(2012, "h1")).document.title


def test_admins_edit_the_federation_settings_later(client, admin_user, staff):
    client.force_login(admin_user)
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, FEDERATION)
    assert response.status_code == 302
    assert Federation.objects.get().name == "汤旺县总工会"
    client.force_login(staff)
    assert client.get(SETTINGS).status_code == 403


def test_the_setup_asks_for_this_years_minimum_living_line(client, new_admin):
    client.force_login(new_admin)
    page = client.get(SETUP)
    line_form = page.context["forms"][1]
    assert line_form.initial["year"] == timezone.localdate().year
    response = client.post(SETUP, {**FEDERATION, "line-year": LINE["line-year"]})
    assert response.status_code == 200
    assert response.context["forms"][1].errors["monthly_amount"]
    assert not Federation.objects.exists()  # all or nothing
    client.post(SETUP, {**FEDERATION, **LINE})
    line = LivingStandard.objects.get()
    assert (line.year, line.monthly_amount) == (timezone.localdate().year, Decimal(560))
    assert LivingStandard.for_year(timezone.localdate().year) == line

"""Who may open what (DESIGN §4), for every URL pattern the resolver knows.

Every page is requested with GET and POST as an anonymous visitor, staff, a leader and an admin,
against the loaded demo county. Anonymous visitors are sent to the login page, a role without the
right gets 403, a page that does not take POST answers 405 to those who may see it, and nothing
answers 500. A page missing from EXPECTED fails the test: a new page must be classified here.
"""

import pytest
from django.test import Client

from aid.models import AidCase
from tests.security.catalogue import admin_pattern_names, admin_urls, project_pages, url_for

pytestmark = pytest.mark.django_db

ANONYMOUS, STAFF, LEADER, ADMIN = "anonymous", "staff", "leader", "admin"
SIGNED_IN = (STAFF, LEADER, ADMIN)

# Who may use each page (DESIGN §4); the others get 403.
READERS = {STAFF, LEADER, ADMIN}  # read registry, cases, pairings, economy, activities, summary
ENTERING = {STAFF, ADMIN}  # create/edit workers, cases, pairings, returns, activities; submit
DECIDING = {LEADER}  # approve / reject / mark paid; publish
REGISTRY = {ADMIN}  # manage unions and headcount returns, import counts
NARRATIVE = {STAFF, LEADER}  # edit the summary's narrative
USERS = {ADMIN}  # manage users; federation settings
PAYING = {STAFF, LEADER}  # put approved cases in a payment batch, export it

EXPECTED = {
    "home": READERS,
    "unions:union-list": READERS,
    "unions:union-create": REGISTRY,
    "unions:union-detail": READERS,
    "unions:union-update": REGISTRY,
    "unions:union-dissolve": REGISTRY,
    "unions:headcount-create": REGISTRY,
    "unions:headcount-update": REGISTRY,
    "unions:union-export": READERS,
    "unions:union-search": READERS,
    "unions:headcount-import": REGISTRY,
    "unions:headcount-import-preview": REGISTRY,
    "unions:headcount-import-template": REGISTRY,
    "aid:worker-list": READERS,
    "aid:worker-create": ENTERING,
    "aid:worker-search": READERS,
    "aid:worker-detail": READERS,
    "aid:worker-update": ENTERING,
    "aid:archive-form": READERS,  # the national form in Word (full ID numbers: DESIGN §4)
    "aid:archive-form-batch": READERS,
    "aid:archive-export": READERS,  # masked ID numbers
    "aid:archive-export-full": ENTERING,  # full ID numbers, to move archives
    "aid:archives-import": ENTERING,
    "aid:archives-import-preview": ENTERING,
    "aid:archives-import-template": ENTERING,
    "aid:campaign-list": READERS,
    "aid:campaign-create": ENTERING,
    "aid:campaign-detail": READERS,
    "aid:campaign-update": ENTERING,
    "aid:campaign-batch": ENTERING,
    "aid:case-list": READERS,
    "aid:case-export": READERS,
    "aid:case-queue": DECIDING,
    "aid:case-create": ENTERING,
    "aid:case-detail": READERS,
    "aid:case-update": ENTERING,
    "aid:case-submit": ENTERING,
    "aid:case-approve": DECIDING,
    "aid:case-reject": DECIDING,
    "aid:case-pay": DECIDING,
    "aid:archive-survey": ENTERING,
    "aid:archive-notice": ENTERING,
    "aid:archive-objection": ENTERING,
    "aid:archive-resolve": ENTERING,
    "aid:archive-approve": DECIDING,
    "aid:review-list": READERS,
    "aid:review-open": ENTERING,
    "aid:review-detail": READERS,
    "aid:review-outcome": ENTERING,
    "aid:review-approve": DECIDING,
    "aid:case-bulk-decision": DECIDING,
    "aid:fund-ledger": READERS,
    "aid:fund-create": REGISTRY,
    "aid:fund-defaults": REGISTRY,
    "aid:fund-detail": READERS,
    "aid:fund-update": REGISTRY,
    "aid:fund-statement": READERS,
    "aid:allocation-create": REGISTRY,
    "aid:allocation-update": REGISTRY,
    "aid:batch-list": READERS,
    "aid:batch-create": PAYING,
    "aid:batch-detail": READERS,
    "aid:batch-bank-list": PAYING,
    "aid:batch-signing-sheet": PAYING,
    "aid:batch-pay": DECIDING,
    "aid:line-fail": PAYING,
    "aid:line-remove": PAYING,
    "pairings:round-list": READERS,
    "pairings:round-create": ENTERING,
    "pairings:round-detail": READERS,
    "pairings:round-update": ENTERING,
    "pairings:pairing-list": READERS,
    "pairings:pairing-create": ENTERING,
    "pairings:pairing-detail": READERS,
    "pairings:pairing-exit": ENTERING,
    "pairings:project-create": ENTERING,
    "pairings:project-list": READERS,
    "pairings:project-detail": READERS,
    "pairings:project-update": ENTERING,
    "pairings:fund-list": READERS,
    "pairings:fund-create": ENTERING,
    "pairings:fund-detail": READERS,
    "pairings:fund-update": ENTERING,
    "pairings:student-aid": READERS,
    "pairings:pairs-import": ENTERING,
    "pairings:pairs-import-preview": ENTERING,
    "pairings:pairs-import-template": ENTERING,
    "economy:sector-table": READERS,
    "economy:sector-export": READERS,
    "economy:household-list": READERS,
    "economy:household-create": ENTERING,
    "economy:household-detail": READERS,
    "economy:household-update": ENTERING,
    "economy:return-list": READERS,
    "economy:return-create": ENTERING,
    "economy:return-detail": READERS,
    "economy:return-update": ENTERING,
    "economy:target-list": READERS,
    "economy:target-create": ENTERING,
    "economy:target-detail": READERS,
    "economy:target-update": ENTERING,
    "economy:grant-list": READERS,
    "economy:grant-create": ENTERING,
    "economy:grant-detail": READERS,
    "economy:grant-update": ENTERING,
    "economy:return-import": ENTERING,
    "economy:return-import-preview": ENTERING,
    "economy:return-import-template": ENTERING,
    "activities:activity-list": READERS,
    "activities:activity-create": ENTERING,
    "activities:activity-detail": READERS,
    "activities:activity-update": ENTERING,
    "reports:period-list": READERS,
    "reports:summary": READERS,
    "reports:summary-edit": NARRATIVE,
    "reports:summary-publish": DECIDING,
    "reports:summary-docx": READERS,
    "reports:summary-xlsx": READERS,
    "reports:publication": READERS,
    "reports:publication-docx": READERS,
    "reports:publication-xlsx": READERS,
    # Proof documents of a worker's archive (aid registers: READERS see, EDITORS upload).
    "documents:upload": ENTERING,
    "documents:preview": READERS,
    "documents:download": READERS,
    "documents:inline": READERS,
    "documents:thumbnail": READERS,
    "documents:withdraw": ENTERING,
    "reports:setup": USERS,
    "reports:federation": USERS,
    "password_change": READERS,  # one's own password
    "password_change_done": READERS,
    "accounts:user-list": USERS,
    "accounts:user-create": USERS,
    "accounts:user-detail": USERS,
    "accounts:user-update": USERS,
    "accounts:user-deactivate": USERS,
    "accounts:user-reactivate": USERS,
    "accounts:user-password-reset": USERS,
    "accounts:user-unlock": USERS,
}

# Pages open to everyone, with the status each visitor gets: (GET, POST) per visitor.
PUBLIC = {
    # The login page; signed-in users are sent on to the home page.
    "login": {ANONYMOUS: (200, 200), STAFF: (302, 302), LEADER: (302, 302), ADMIN: (302, 302)},
    # Logging out takes POST only (a GET cannot sign anybody out); anonymous visitors are sent
    # to the login page.
    "logout": {ANONYMOUS: (302, 302), **dict.fromkeys(SIGNED_IN, (405, 302))},
    "healthz": dict.fromkeys((ANONYMOUS, *SIGNED_IN), (200, 405)),
    "set_language": dict.fromkeys((ANONYMOUS, *SIGNED_IN), (302, 302)),
}

# Admin patterns that need no check of their own: login and logout are the admin's public pages,
# the rest are reached only through a page checked above or need arguments no model row provides.
ADMIN_NOT_VISITED = {
    "admin:login": "public: the admin's sign-in page",
    "admin:logout": "POST only; signs out",
    "admin:password_change": "any admin-site user's own password",
    "admin:password_change_done": "any admin-site user's own password",
    "admin:autocomplete": "answers only for models of the site, behind admin_view",
    "admin:jsi18n": "translations for the admin's scripts, behind admin_view",
    "admin:view_on_site": "redirects to the object's own page, which checks the role",
    "admin:app_list": "visited once per app label below",
    "admin:auth_user_password_change": "a user's password form, behind admin_view",
    "admin:None": "unnamed redirects of old object URLs and the catch-all, behind admin_view",
}


def client_for(who: str, users) -> Client:
    client = Client(raise_request_exception=False)
    if who != ANONYMOUS:
        client.force_login(users[who])
    return client


def expected_status(page, who: str, method: str) -> set[int]:
    if page.name in PUBLIC:
        return {PUBLIC[page.name][who][0 if method == "GET" else 1]}
    if who == ANONYMOUS:
        return {302}
    if who not in EXPECTED[page.name]:
        return {403}
    takes = page.accepts_post if method == "POST" else hasattr(page.view, "view_class") and (
        hasattr(page.view.view_class, "get"))
    if not takes:
        return {405}
    return {200, 302} if method == "POST" else {200}


def test_every_page_is_in_the_expected_table():
    names = {page.name for page in project_pages()}
    assert names - EXPECTED.keys() - PUBLIC.keys() == set(), "classify the new pages in EXPECTED"
    assert EXPECTED.keys() - names == set(), "EXPECTED names pages that no longer exist"


@pytest.mark.parametrize("page", project_pages(), ids=lambda page: page.name)
def test_each_visitor_gets_what_design_section_4_says(page, demo):
    users = demo["users"]
    wrong = []
    for who in (ANONYMOUS, *SIGNED_IN):
        client = client_for(who, users)
        for method in ("GET", "POST"):
            # An import batch is the visitor's own: another's is a 404 to anyone but an admin
            # (security/test_import_batch_owner.py).
            url = url_for(page, demo["objects"], users.get(who, users[ADMIN]))
            response = client.get(url) if method == "GET" else client.post(url, {})
            if response.status_code not in expected_status(page, who, method):
                wrong.append(f"{method} {url} as {who}: {response.status_code}, expected "
                             f"{sorted(expected_status(page, who, method))}")
            elif who == ANONYMOUS and page.name not in PUBLIC:
                assert response["Location"].startswith("/accounts/login/?next=")
    assert not wrong, "\n".join(wrong)


def test_every_admin_page_is_for_admins_only(demo):
    users = demo["users"]
    urls = admin_urls(users[ADMIN])
    visited = {name.rsplit(":", 1)[0] if name.startswith("admin:app_list:") else name
               for name in urls}
    assert admin_pattern_names() - visited - ADMIN_NOT_VISITED.keys() == set()
    wrong = []
    for who in (ANONYMOUS, STAFF, LEADER, ADMIN):
        client = client_for(who, users)
        for url, admin_status in urls.values():
            response = client.get(url)
            if who == ADMIN:
                ok = response.status_code == admin_status
            else:
                ok = (response.status_code == 302
                      and response["Location"].startswith(("/admin/login/", "/accounts/login/")))
            if not ok:
                wrong.append(f"GET {url} as {who}: {response.status_code} "
                             f"{response.get('Location', '')}")
    assert not wrong, "\n".join(wrong)


def test_a_leader_cannot_approve_a_case_they_entered(demo, client):
    leader = demo["users"][LEADER]
    case = demo["objects"]["submitted"]
    AidCase.objects.filter(pk=case.pk).update(entered_by=leader)
    client.force_login(leader)
    response = client.post(f"/aid/cases/{case.pk}/approve/")
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED
    assert case.approved_by is None


def test_another_leader_can_approve_the_same_case(demo, client):
    case = demo["objects"]["submitted"]
    client.force_login(demo["users"][LEADER])
    assert client.post(f"/aid/cases/{case.pk}/approve/").status_code == 302
    case.refresh_from_db()
    assert case.status == AidCase.Status.APPROVED

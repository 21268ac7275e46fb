"""Every URL pattern of the project, from the resolver, with arguments built from real objects.

The security tests walk this list, so a page added later is either covered or makes them fail.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from accounts.roles import Role
from activities.models import Activity
from aid.models import (
    AidCase,
    Campaign,
    FundAllocation,
    FundSource,
    HardshipWorker,
    NoticeObjection,
    PaymentBatch,
    PaymentLine,
    ReviewRound,
)
from core.models import ImportBatch
from core.periods import Period
from economy.models import AnnualTarget, Household, SupportGrant, ValueAddedReturn
from pairings.models import FundEntry, Pairing, Project, Round
from reports.services import summary_publish
from tests.support.factories import make_document
from unions.models import HeadcountReturn, Union


@dataclass(frozen=True)
class Page:
    name: str  # "namespace:name"
    route: str
    view: object  # the view class (or function)

    @property
    def accepts_post(self) -> bool:
        view_class = getattr(self.view, "view_class", None)
        if view_class is None:
            return "POST" in getattr(self.view, "allowed_methods", {"POST"})
        return hasattr(view_class, "post") or hasattr(view_class, "form_valid")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Page]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Page(name, prefix + str(entry.pattern), entry.callback)


def project_pages() -> list[Page]:
    """Every named page outside the Django admin (the admin is checked model by model)."""
    return [p for p in _walk(get_resolver()) if not (p.name or "").startswith("admin:")]


def admin_pattern_names() -> set[str]:
    return {p.name for p in _walk(get_resolver()) if (p.name or "").startswith("admin:")}


def admin_urls(admin_user) -> dict[str, tuple[str, int]]:
    """The admin's pages with the status an admin gets: its index, and per registered model
    list/add/change/history/delete (of the model's first row, or of a missing one). Adding or
    deleting what the model's admin forbids (the audit logs, published versions) is 403."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    urls = {"admin:index": (reverse("admin:index"), 200)}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        urls[f"{base}_changelist"] = (reverse(f"{base}_changelist"), 200)
        urls[f"{base}_add"] = (reverse(f"{base}_add"),
                               200 if model_admin.has_add_permission(request) else 403)
        urls[f"admin:app_list:{opts.app_label}"] = (
            reverse("admin:app_list", args=[opts.app_label]), 200)
        obj = model._default_manager.order_by("pk").first()
        for action in ("change", "history", "delete"):
            # A missing row: the admin says so and goes back to its index.
            args, status = ([obj.pk], 200) if obj is not None else ([0], 302)
            # A read-only admin (the task results of django-tasks-db) forbids deleting even
            # a missing row.
            if action == "delete" and not model_admin.has_delete_permission(request, obj):
                status = 403
            urls[f"{base}_{action}"] = (reverse(f"{base}_{action}", args=args), status)
        if hasattr(model, "history"):
            record = obj.history.order_by("-pk").first() if obj is not None else None
            args, status = ([obj.pk, record.history_id], 200) if record else ([0, 0], 404)
            urls[f"{base}_simple_history"] = (reverse(f"{base}_simple_history", args=args),
                                              status)
    return urls


def demo_objects(leader) -> dict[str, object]:
    """One real object per kind of URL argument, from the loaded demo (plus a publication and
    one case in each workflow state)."""
    cases = AidCase.objects.order_by("pk")
    summary_publish(period=Period(2012, "h1"), by=leader)
    worker = HardshipWorker.objects.order_by("pk").first()
    staff = User.objects.filter(groups__name=Role.STAFF).order_by("pk").first()
    return {
        "document": make_document(worker, by=staff),
        "union": Union.objects.order_by("pk").first(),
        "headcount": HeadcountReturn.objects.order_by("pk").first(),
        "worker": HardshipWorker.objects.order_by("pk").first(),
        "campaign": Campaign.objects.order_by("pk").first(),
        "case": cases.first(),
        "draft": cases.filter(status=AidCase.Status.DRAFT).first(),
        "submitted": cases.filter(status=AidCase.Status.SUBMITTED).first(),
        "approved": cases.filter(status=AidCase.Status.APPROVED).first(),
        "fund_source": FundSource.objects.order_by("pk").first(),
        "allocation": FundAllocation.objects.order_by("pk").first(),
        "payment_batch": PaymentBatch.objects.order_by("pk").first(),
        "payment_line": PaymentLine.objects.order_by("pk").first(),
        "round": Round.objects.order_by("pk").first(),
        "pairing": Pairing.objects.order_by("pk").first(),
        "project": Project.objects.order_by("pk").first(),
        "fund": FundEntry.objects.order_by("pk").first(),
        "household": Household.objects.order_by("pk").first(),
        "return": ValueAddedReturn.objects.order_by("pk").first(),
        "target": AnnualTarget.objects.order_by("pk").first(),
        "grant": SupportGrant.objects.order_by("pk").first(),
        "activity": Activity.objects.order_by("pk").first(),
        "account": User.objects.get(username="staff"),
        "objection": NoticeObjection.objects.order_by("pk").first(),
        "review": ReviewRound.objects.order_by("pk").first(),
    }


# Which object a `pk` stands for, by URL name.
PK_OBJECT = {
    "unions:union-detail": "union", "unions:union-update": "union",
    "unions:union-dissolve": "union", "unions:headcount-create": "union",
    "unions:headcount-update": "headcount",
    "aid:worker-detail": "worker", "aid:worker-update": "worker",
    "aid:archive-form": "worker",
    "aid:campaign-detail": "campaign", "aid:campaign-update": "campaign",
    "aid:campaign-batch": "campaign",
    "aid:case-detail": "case", "aid:case-update": "draft", "aid:case-submit": "draft",
    "aid:case-approve": "submitted", "aid:case-reject": "submitted", "aid:case-pay": "approved",
    "aid:archive-survey": "worker", "aid:archive-notice": "worker",
    "aid:archive-objection": "worker", "aid:archive-approve": "worker",
    "aid:archive-resolve": "objection", "aid:review-detail": "review",
    "aid:review-outcome": "review", "aid:review-approve": "review",
    "aid:fund-detail": "fund_source", "aid:fund-update": "fund_source",
    "aid:fund-statement": "fund_source", "aid:allocation-create": "fund_source",
    "aid:allocation-update": "allocation", "aid:batch-detail": "payment_batch",
    "aid:batch-bank-list": "payment_batch", "aid:batch-signing-sheet": "payment_batch",
    "aid:batch-pay": "payment_batch", "aid:line-fail": "payment_line",
    "aid:line-remove": "payment_line",
    "pairings:round-detail": "round", "pairings:round-update": "round",
    "pairings:pairing-detail": "pairing", "pairings:pairing-exit": "pairing",
    "pairings:project-create": "pairing",
    "pairings:project-detail": "project", "pairings:project-update": "project",
    "pairings:fund-detail": "fund", "pairings:fund-update": "fund",
    "economy:household-detail": "household", "economy:household-update": "household",
    "economy:return-detail": "return", "economy:return-update": "return",
    "economy:target-detail": "target", "economy:target-update": "target",
    "economy:grant-detail": "grant", "economy:grant-update": "grant",
    "activities:activity-detail": "activity", "activities:activity-update": "activity",
    "documents:preview": "document", "documents:download": "document",
    "documents:inline": "document", "documents:thumbnail": "document",
    "documents:withdraw": "document",
    "accounts:user-detail": "account", "accounts:user-update": "account",
    "accounts:user-deactivate": "account", "accounts:user-reactivate": "account",
    "accounts:user-password-reset": "account", "accounts:user-unlock": "account",
}


def url_for(page: Page, objects: dict[str, object], by) -> str:
    """The page's URL with arguments taken from real objects."""
    kwargs = {}
    if "<int:pk>" in page.route:
        kwargs["pk"] = objects[PK_OBJECT[page.name]].pk
    if "<int:object_id>" in page.route:  # a proof document's upload: to a worker's archive
        kwargs.update(record_type="aid.hardshipworker", object_id=objects["worker"].pk)
    if "<int:year>" in page.route:
        kwargs.update(year=2012, half="h1")
    if "<int:number>" in page.route:
        kwargs["number"] = 1
    if "<int:batch_id>" in page.route:
        importer = page.view.view_initkwargs["importer_class"]()
        batch = ImportBatch.objects.create(kind=importer.kind, filename="template.xlsx",
                                           content=importer.template_workbook(), row_count=1,
                                           uploaded_by=by)
        kwargs["batch_id"] = batch.pk
    return reverse(page.name, kwargs=kwargs)

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField, PhoneField
from core.text import validate_name

from .validators import normalize_credit_code, validate_credit_code


class UnionQuerySet(models.QuerySet):
    def grassroots(self) -> "UnionQuerySet":
        """Grassroots unions proper: the industry joint unions are federations of them."""
        return self.exclude(kind=Union.Kind.JOINT)

    def active_on(self, day: date) -> "UnionQuerySet":
        """Established on or before `day` and not dissolved on or before it."""
        return self.filter(Q(established_on__lte=day) & active_after(day))

    def dissolved_on_or_before(self, day: date) -> "UnionQuerySet":
        return self.filter(dissolved_on__lte=day)

    def with_counts_on(self, day: date) -> "UnionQuerySet":
        """Annotate the counts of each union's latest return on or before `day` (None if none)."""
        latest = (HeadcountReturn.objects.filter(union=OuterRef("pk"), as_of__lte=day)
                  .order_by("-as_of"))
        return self.annotate(
            counts_as_of=Subquery(latest.values("as_of")[:1]),
            members_now=Subquery(latest.values("members")[:1]),
            employed_now=Subquery(latest.values("employed")[:1]),
            laid_off_now=Subquery(latest.values("laid_off")[:1]),
        ).annotate(workers_now=F("employed_now") + F("laid_off_now"))


def active_after(day: date) -> Q:
    """Not dissolved on or before `day`."""
    return Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)


class Union(models.Model):
    """A grassroots union (基层工会) of the county."""

    class Kind(models.TextChoices):
        STATE_OWNED = "state_owned", _("State-owned enterprise")
        COLLECTIVE = "collective", _("Collective enterprise")
        PRIVATE = "private", _("Private enterprise")
        FOREIGN = "foreign", _("Foreign-invested enterprise")
        INSTITUTION = "institution", _("Public institution")
        GOVERNMENT = "government", _("Government organ")
        COMMUNITY = "community", _("Community")
        TOWNSHIP = "township", _("Township or subdistrict")
        JOINT = "joint", _("Industry joint union")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100, unique=True, validators=[validate_name])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True,
        validators=[validate_credit_code],
    )
    chair = models.CharField(_("chair"), max_length=50, blank=True, validators=[validate_name])
    phone = PhoneField(_("phone"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    established_on = DateField(_("established on"))
    dissolved_on = DateField(_("dissolved on"), null=True, blank=True)
    joint_union = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="covered_unions",
        limit_choices_to={"kind": Kind.JOINT}, verbose_name=_("industry joint union"),
    )
    # Optimistic locking: a form opened before someone else saved is refused.
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = UnionQuerySet.as_manager()

    class Meta:
        verbose_name = _("grassroots union")
        verbose_name_plural = _("grassroots unions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""),
                name="union_credit_code_unique",
                violation_error_message=_("Another union already has this credit code."),
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("established_on")),
                name="union_dissolved_after_established",
                violation_error_message=_("A union cannot be dissolved before it was established."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("unions:union-detail", args=[self.pk])

    @property
    def is_joint(self) -> bool:
        return self.kind == self.Kind.JOINT

    def is_active_on(self, day: date) -> bool:
        return self.established_on <= day and (self.dissolved_on is None
                                               or self.dissolved_on > day)

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        self.credit_code = normalize_credit_code(self.credit_code)
        errors = {}
        if self.joint_union_id and self.is_joint:
            errors["joint_union"] = _("An industry joint union cannot belong to another one.")
        if self.pk and not self.is_joint and self.covered_unions.exists():
            errors["kind"] = _("This industry joint union still covers unions; "
                               "move them to another joint union before changing its kind.")
        if self.pk and self.is_joint and self.headcount_returns.exists():
            errors["kind"] = _("This union has headcount returns, so it cannot become an "
                               "industry joint union (joint unions carry no headcounts).")
        if errors:
            raise ValidationError(errors)


class HeadcountReturn(models.Model):
    """Members and workers of one union at one date (会员及职工人数).

    Industry joint unions carry no returns: their members are counted in the unions they cover.
    """

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="headcount_returns",
                              verbose_name=_("union"))
    as_of = DateField(_("as of"))
    members = models.PositiveIntegerField(_("members"))
    employed = models.PositiveIntegerField(_("employed workers"))
    laid_off = models.PositiveIntegerField(_("laid-off workers"))
    joined = models.PositiveIntegerField(
        _("members joined"), default=0,
        help_text=_("Members who joined since the union's previous return."),
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("headcount return")
        verbose_name_plural = _("headcount returns")
        ordering = ["union", "-as_of"]
        # The returns of a period (members joined in the summary, the years with data) are
        # found by date across all unions; the unique (union, as_of) index serves per union.
        indexes = [models.Index(fields=["as_of"], name="headcount_as_of")]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "as_of"], name="headcount_one_per_union_and_date",
                violation_error_message=_("This union already has a return for this date."),
            ),
            models.CheckConstraint(
                condition=Q(joined__lte=F("members")), name="headcount_joined_within_members",
                violation_error_message=_("Members joined cannot exceed the members."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.union} {self.as_of:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.union.get_absolute_url()

    @property
    def workers(self) -> int:
        return self.employed + self.laid_off

    def clean(self) -> None:
        if self.union_id and self.as_of is not None:
            problem = return_problem(self.union, self.as_of)
            if problem:
                raise ValidationError({problem[0]: problem[1]})


def return_problem(union: Union, as_of: date) -> tuple[str, str] | None:
    """(field, message) saying why `union` cannot have a return dated `as_of`, or None.

    Shared by the model, the forms and the import.
    """
    if union.is_joint:
        return "union", _("An industry joint union has no headcount returns of its own: its "
                          "members are counted in the unions it covers.")
    if as_of < union.established_on:
        return "as_of", _("The union was established on %(day)s; a return cannot be dated "
                          "before that.") % {"day": union.established_on.isoformat()}
    if union.dissolved_on and as_of > union.dissolved_on:
        return "as_of", _("The union was dissolved on %(day)s; a return cannot be dated "
                          "after that.") % {"day": union.dissolved_on.isoformat()}
    return None

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import DateRangeValidator
from core.fields import DateField, PhoneField
from core.pinyin import KEY_LENGTH, search_key
from core.text import validate_name

from .validators import normalize_credit_code, validate_credit_code

# A date a user types into the organisation indicators: within the People's Republic's years
# and this century, so that no typo (0012, 20120) reaches the lists or the figures.
# An agreement's expiry and the next election lie ahead of today (a term is at most 5 years).
AHEAD = DateRangeValidator(years_ahead=10)
# Trade Union Law art. 15: a grassroots committee serves three or five years.
TERM_YEARS = (3, 5)
# 集体合同规定 (Ministry of Labour order 22, 2004) art. 38: a collective contract, the wage
# agreement included, runs one to three years.
CONTRACT_MAX_YEARS = 3
EXPIRING_WITHIN_DAYS = 90  # "contracts expiring soon": the lists and the union page
# The counts of a return that add up across unions (the county's figures, the list's totals).
COUNTED_FIELDS = ("members", "employed", "laid_off", "female_members", "migrant_members")


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def in_force(prefix: str, day: date) -> Q:
    """The union's `prefix` agreement (contract, wage_agreement) is in force on `day`."""
    return Q(**{f"{prefix}_signed_on__lte": day, f"{prefix}_expires_on__gte": day})


def expiring(prefix: str, day: date, within: int = EXPIRING_WITHIN_DAYS) -> Q:
    """The `prefix` agreement is in force on `day` and expires within `within` days of it."""
    return in_force(prefix, day) & Q(**{f"{prefix}_expires_on__lte": day + timedelta(within)})


def election_overdue(day: date) -> Q:
    """The committee's term ran out before `day` without a new election recorded."""
    return Q(election_due_on__lt=day)


class UnionQuerySet(models.QuerySet):
    def grassroots(self) -> "UnionQuerySet":
        """Grassroots unions proper: the industry joint unions are federations of them."""
        return self.exclude(kind=Union.Kind.JOINT)

    def active_on(self, day: date) -> "UnionQuerySet":
        """Established on or before `day` and not dissolved on or before it."""
        return self.filter(Q(established_on__lte=day) & active_after(day))

    def dissolved_on_or_before(self, day: date) -> "UnionQuerySet":
        return self.filter(dissolved_on__lte=day)

    def with_counts_on(self, day: date, fields: tuple[str, ...] = COUNTED_FIELDS,
                       ) -> "UnionQuerySet":
        """Annotate the counts of each union's latest return on or before `day` (None if none):
        `counts_as_of`, `<field>_now` for each of `fields`, `workers_now` when both employed
        and laid off are asked for, and `left_out` (see `left_out_on`)."""
        latest = (HeadcountReturn.objects.filter(union=OuterRef("pk"), as_of__lte=day)
                  .order_by("-as_of"))
        annotated = self.annotate(
            counts_as_of=Subquery(latest.values("as_of")[:1]),
            **{f"{field}_now": Subquery(latest.values(field)[:1]) for field in fields},
        ).annotate(left_out=left_out_on(day))
        if "employed" in fields and "laid_off" in fields:
            annotated = annotated.annotate(workers_now=F("employed_now") + F("laid_off_now"))
        return annotated


def active_after(day: date) -> Q:
    """Not dissolved on or before `day`."""
    return Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)


def left_out_on(day: date) -> Exists:
    """True for an industry joint union whose latest return on or before `day` (annotated
    `counts_as_of`) predates the founding of a union it covers that is active at `day`.

    The no-double-count rule (docs/import-formats.md): a joint union's return counts only the
    members affiliated to it directly. A union founded under it afterwards may hold members the
    return still counts as direct ones, so until the joint union files a return dated on or after
    that founding, its return is left out of the county's figures rather than counted twice.
    """
    return Exists(Union.objects.filter(
        joint_union=OuterRef("pk"), established_on__gt=OuterRef("counts_as_of"),
        established_on__lte=day,
    ).filter(active_after(day)))


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
    # The name's pinyin search key (core.pinyin), derived on save and in every bulk write.
    name_pinyin = models.CharField(max_length=KEY_LENGTH, blank=True, default="", editable=False)
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
    # The organisation indicators of the annual union statistics (工会统计年报).
    legal_person = models.BooleanField(
        _("legal-person status"), default=False, db_default=False,
        help_text=_("The union holds a trade-union legal-person certificate."),
    )
    committee_elected_on = DateField(
        _("committee elected on"), null=True, blank=True,
        help_text=_("The day the current union committee was elected."),
    )
    committee_term_years = models.PositiveSmallIntegerField(
        _("committee term (years)"), null=True, blank=True,
        choices=[(3, _("3 years")), (5, _("5 years"))],
    )
    # Derived on save: the elected day plus the term (the lists and figures query it).
    election_due_on = DateField(_("next election due"), null=True, blank=True,
                                editable=False, validators=[AHEAD])
    contract_signed_on = DateField(
        _("collective contract signed on"), null=True, blank=True)
    contract_expires_on = DateField(
        _("collective contract expires on"), null=True, blank=True,
        validators=[AHEAD],
        help_text=_("The contract's last day in force."))
    wage_agreement_signed_on = DateField(
        _("wage agreement signed on"), null=True, blank=True,
        help_text=_("The special collective contract on wages, from collective wage "
                    "negotiation."))
    wage_agreement_expires_on = DateField(
        _("wage agreement expires on"), null=True, blank=True,
        validators=[AHEAD],
        help_text=_("The agreement's last day in force."))
    # Optimistic locking: a form opened before someone else saved is refused.
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "name_pinyin"])
    objects = UnionQuerySet.as_manager()

    class Meta:
        verbose_name = _("grassroots union")
        verbose_name_plural = _("grassroots unions")
        ordering = ["name"]
        # Pinyin prefixes (core.pinyin.name_matches); the operator class is PostgreSQL's.
        indexes = [models.Index(fields=["name_pinyin"], name="union_name_pinyin",
                                opclasses=["varchar_pattern_ops"])]
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
            models.CheckConstraint(
                condition=(Q(committee_elected_on__isnull=True, committee_term_years__isnull=True)
                           | Q(committee_elected_on__isnull=False,
                               committee_term_years__in=TERM_YEARS)),
                name="union_committee_term",
                violation_error_message=_("A committee's term needs the day it was elected and "
                                          "a term of three or five years."),
            ),
            *(models.CheckConstraint(
                condition=(Q(**{f"{prefix}_signed_on__isnull": True,
                                f"{prefix}_expires_on__isnull": True})
                           | Q(**{f"{prefix}_expires_on__gt": F(f"{prefix}_signed_on")})),
                name=f"union_{prefix}_dates",
                violation_error_message=_("An agreement needs its signing day and an expiry "
                                          "day after it."),
            ) for prefix in ("contract", "wage_agreement")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.derive_election_due()
        self.name_pinyin = search_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_pinyin"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("unions:union-detail", args=[self.pk])

    @property
    def is_joint(self) -> bool:
        return self.kind == self.Kind.JOINT

    def is_active_on(self, day: date) -> bool:
        return self.established_on <= day and (self.dissolved_on is None
                                               or self.dissolved_on > day)

    def derive_election_due(self) -> None:
        """The next election is due when the committee's term runs out."""
        self.election_due_on = (
            add_years(self.committee_elected_on, self.committee_term_years)
            if self.committee_elected_on and self.committee_term_years else None)

    def election_overdue_on(self, day: date) -> bool:
        """The committee's term ran out before `day` (False when no term is recorded)."""
        return self.election_due_on is not None and self.election_due_on < day

    def agreement_state(self, prefix: str, day: date) -> str:
        """"none", "pending" (signed later), "expired", "expiring" (within 90 days) or
        "in_force" for the union's `prefix` agreement (contract, wage_agreement) on `day`."""
        signed, expires = (getattr(self, f"{prefix}_signed_on"),
                           getattr(self, f"{prefix}_expires_on"))
        if signed is None or expires is None:
            return "none"
        if signed > day:
            return "pending"
        if expires < day:
            return "expired"
        return "expiring" if expires <= day + timedelta(EXPIRING_WITHIN_DAYS) else "in_force"

    def contract_state(self, day: date) -> str:
        return self.agreement_state("contract", day)

    def wage_agreement_state(self, day: date) -> str:
        return self.agreement_state("wage_agreement", day)

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        self.credit_code = normalize_credit_code(self.credit_code)
        errors = {}
        if self.joint_union_id and self.is_joint:
            errors["joint_union"] = _("An industry joint union cannot belong to another one.")
        if self.pk and not self.is_joint and self.covered_unions.exists():
            errors["kind"] = _("This industry joint union still covers unions; "
                               "move them to another joint union before changing its kind.")
        errors.update(self.organisation_problems())
        if errors:
            raise ValidationError(errors)

    def organisation_problems(self) -> dict[str, str]:
        """{field: message} for the committee's term and the agreements (form and import)."""
        problems = self._term_problems()
        for prefix in ("contract", "wage_agreement"):
            problems.update(self._agreement_problems(prefix))
        return problems

    def _term_problems(self) -> dict[str, str]:
        elected, years = self.committee_elected_on, self.committee_term_years
        if elected and not years:
            return {"committee_term_years": _("Give the committee's term as well.")}
        if years and not elected:
            return {"committee_elected_on": _("Give the day the committee was elected as "
                                              "well.")}
        if elected and self.established_on and elected < self.established_on:
            return {"committee_elected_on": _("The committee cannot be elected before the "
                                              "union was established.")}
        return {}

    def _agreement_problems(self, prefix: str) -> dict[str, str]:
        signed, expires = (getattr(self, f"{prefix}_signed_on"),
                           getattr(self, f"{prefix}_expires_on"))
        if signed and not expires:
            return {f"{prefix}_expires_on": _("Give the day it expires as well.")}
        if expires and not signed:
            return {f"{prefix}_signed_on": _("Give the day it was signed as well.")}
        if signed and expires <= signed:
            return {f"{prefix}_expires_on": _("It must expire after the day it was signed.")}
        if signed and expires > add_years(signed, CONTRACT_MAX_YEARS):
            return {f"{prefix}_expires_on": _(
                "A collective contract or wage agreement runs at most three years; it must "
                "expire by %(day)s.") % {"day": add_years(signed, CONTRACT_MAX_YEARS)}}
        return {}


class HeadcountReturn(models.Model):
    """Members and workers of one union at one date (会员及职工人数).

    An industry joint union's return counts only the members affiliated to it directly (workers
    of small enterprises without a union of their own); the members of the unions it covers are
    in those unions' returns (see `left_out_on`).
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
    # 工会统计年报: of the members, women and migrant workers (empty: not reported).
    female_members = models.PositiveIntegerField(
        _("female members"), null=True, blank=True,
        help_text=_("Of the members, how many are women. Leave empty if not known."),
    )
    migrant_members = models.PositiveIntegerField(
        _("migrant-worker members"), null=True, blank=True,
        help_text=_("Of the members, how many are migrant workers from the countryside. "
                    "Leave empty if not known."),
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
            models.CheckConstraint(
                condition=(Q(female_members__isnull=True)
                           | Q(female_members__lte=F("members"))),
                name="headcount_female_within_members",
                violation_error_message=_("Female members cannot exceed the members."),
            ),
            models.CheckConstraint(
                condition=(Q(migrant_members__isnull=True)
                           | Q(migrant_members__lte=F("members"))),
                name="headcount_migrant_within_members",
                violation_error_message=_("Migrant-worker members cannot exceed the members."),
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
        errors = {}
        if self.union_id and self.as_of is not None:
            problem = return_problem(self.union, self.as_of)
            if problem:
                errors[problem[0]] = problem[1]
        if self.members is not None:
            errors.update(share_problems(self.members, female=self.female_members,
                                         migrant=self.migrant_members))
        if errors:
            raise ValidationError(errors)


def share_problems(members: int, *, female: int | None, migrant: int | None) -> dict[str, str]:
    """{field: message} for female or migrant-worker members above the members (model and
    import alike)."""
    problems = {}
    if female is not None and female > members:
        problems["female_members"] = _("Female members cannot exceed the members "
                                       "(%(members)d).") % {"members": members}
    if migrant is not None and migrant > members:
        problems["migrant_members"] = _("Migrant-worker members cannot exceed the members "
                                        "(%(members)d).") % {"members": members}
    return problems


def return_problem(union: Union, as_of: date) -> tuple[str, str] | None:
    """(field, message) saying why `union` cannot have a return dated `as_of`, or None.

    Shared by the model, the forms and the import.
    """
    if as_of < union.established_on:
        return "as_of", _("The union was established on %(day)s; a return cannot be dated "
                          "before that.") % {"day": union.established_on.isoformat()}
    if union.dissolved_on and as_of > union.dissolved_on:
        return "as_of", _("The union was dissolved on %(day)s; a return cannot be dated "
                          "after that.") % {"day": union.dissolved_on.isoformat()}
    return None

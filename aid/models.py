from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import DECIDERS, EDITORS, has_role
from core.fields import DateField, PhoneField, TextField
from core.money import yuan
from core.pinyin import KEY_LENGTH, search_key
from core.text import NOTE_LENGTH, REASON_LENGTH, validate_name

from .validators import (
    birth_date_of,
    mask_bank_account,
    mask_id_number,
    normalize_bank_account,
    normalize_id_number,
    sex_of,
    validate_bank_account,
    validate_birth_date,
    validate_resident_id,
)

MAX_HOUSEHOLD = 30
MAX_INCOME = Decimal(1_000_000)  # yuan per month: a bound for typing, far above any archive


def per_person_monthly(annual: Decimal, size: int) -> Decimal:
    """A household's monthly income per person, to the fen (half up)."""
    return (Decimal(annual) / 12 / max(size, 1)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def suggest_level(income: Decimal, line: Decimal | None, main_cause: str) -> str:
    """深度困难 at or below the minimum-living line; 意外致困 above it after an accident or a
    disaster; otherwise 相对困难. Without a line: no suggestion."""
    if line is None:
        return ""
    if income <= line:
        return "extreme"
    if main_cause in ("accident", "disaster"):
        return "accident"
    return "relative"


class HardshipWorker(models.Model):
    """A hardship-worker archive (困难职工档案), one per ID number."""

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class EmploymentStatus(models.TextChoices):
        """Work status (the national form's list; the first three keys are the original ones)."""

        EMPLOYED = "employed", _("Employed")
        LAID_OFF = "laid_off", _("Laid off")
        UNEMPLOYED = "unemployed", _("Unemployed")
        RETIRED = "retired", _("Retired")
        SICK_LEAVE = "sick_leave", _("On sick leave")
        EARLY_RETIRED = "early_retired", _("Internally retired")
        MIGRANT = "migrant", _("Migrant worker")

    class HardshipLevel(models.TextChoices):
        EXTREME = "extreme", _("Extreme hardship")
        RELATIVE = "relative", _("Relative hardship")
        ACCIDENT = "accident", _("Hardship by accident")

    class Cause(models.TextChoices):
        """Causes of hardship (the national form's list; the first six keys are the originals)."""

        ILLNESS = "illness", _("Serious illness")
        DISABILITY = "disability", _("Disability")
        UNEMPLOYMENT = "unemployment", _("Laid off or unemployed")
        SCHOOLING = "schooling", _("Children at school")
        DISASTER = "disaster", _("Natural disaster")
        OTHER = "other", _("Other")
        NO_WORK_CAPACITY = "no_work_capacity", _("Unable to work")
        ACCIDENT = "accident", _("Accident")
        LOW_INCOME = "low_income", _("Low wages")

    class Health(models.TextChoices):
        GOOD = "good", _("Good")
        CHRONIC = "chronic", _("Chronic illness")
        CANCER = "cancer", _("Cancer")
        UREMIA = "uremia", _("Uremia")
        SERIOUS = "serious", _("Other serious illness")
        DISABLED = "disabled", _("Disabled")

    class DisabilityClass(models.TextChoices):
        FIRST = "1", _("Class 1")
        SECOND = "2", _("Class 2")
        THIRD = "3", _("Class 3")
        FOURTH = "4", _("Class 4")

    class ModelWorker(models.TextChoices):
        NONE = "none", _("Not a model worker")
        NATIONAL = "national", _("National model worker")
        PROVINCIAL = "provincial", _("Provincial model worker")
        CITY = "city", _("City model worker")
        COUNTY = "county", _("County model worker")

    class Housing(models.TextChoices):
        OWN = "own", _("Own home")
        PUBLIC = "public", _("Public or low-rent housing")
        RENTED = "rented", _("Rented")
        BORROWED = "borrowed", _("Living with others")
        NONE = "none", _("No home")

    class Marital(models.TextChoices):
        SINGLE = "single", _("Unmarried")
        MARRIED = "married", _("Married")
        DIVORCED = "divorced", _("Divorced")
        WIDOWED = "widowed", _("Widowed")

    class Hukou(models.TextChoices):
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    class State(models.TextChoices):
        """The archive procedure (aid.archive_services moves it): draft → surveyed → in notice →
        active (approved) → exited; an exited archive goes back through survey, notice and
        approval when the household falls back into hardship (返困)."""

        DRAFT = "draft", _("Draft")
        SURVEYED = "surveyed", _("Home survey recorded")
        IN_NOTICE = "in_notice", _("In public notice")
        ACTIVE = "active", _("On file")
        EXITED = "exited", _("Out of hardship")

    MAX_SECONDARY_CAUSES = 3
    COMPUTED = ("household_annual_income", "income_per_capita")

    name = models.CharField(_("full name"), max_length=50, validators=[validate_name])
    # The name's pinyin search key (core.pinyin), derived on save and in every bulk write.
    name_pinyin = models.CharField(max_length=KEY_LENGTH, blank=True, default="", editable=False)
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_resident_id],
        error_messages={"unique": _("An archive with this ID number already exists.")},
    )
    birth_date = DateField(_("date of birth"), editable=False, validators=[validate_birth_date])
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    phone = PhoneField(_("phone"), blank=True)
    address = models.CharField(_("home address"), max_length=200, blank=True)
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT,
                              related_name="hardship_workers", verbose_name=_("union"))
    employer = models.CharField(_("employer"), max_length=100, blank=True,
                                validators=[validate_name])
    employment_status = models.CharField(_("work status"), max_length=20,
                                         choices=EmploymentStatus.choices)
    hardship_level = models.CharField(_("hardship category"), max_length=20,
                                      choices=HardshipLevel.choices)
    health = models.CharField(_("health"), max_length=20, choices=Health.choices,
                              default=Health.GOOD)
    disability_class = models.CharField(_("disability class"), max_length=1, blank=True,
                                        choices=DisabilityClass.choices)
    model_worker = models.CharField(_("model-worker type"), max_length=20,
                                    choices=ModelWorker.choices, default=ModelWorker.NONE)
    housing = models.CharField(_("housing"), max_length=20, choices=Housing.choices,
                               default=Housing.OWN)
    housing_area = models.DecimalField(
        _("housing area (m²)"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10000))])
    marital_status = models.CharField(_("marital status"), max_length=20, blank=True,
                                      choices=Marital.choices)
    hukou = models.CharField(_("hukou type"), max_length=20, choices=Hukou.choices,
                             default=Hukou.URBAN)
    main_cause = models.CharField(_("main cause of hardship"), max_length=20, blank=True,
                                  choices=Cause.choices)
    secondary_causes = models.JSONField(_("secondary causes"), default=list, blank=True)
    household_size = models.PositiveSmallIntegerField(
        _("household size"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOUSEHOLD)])
    own_monthly_income = models.DecimalField(
        _("own monthly income (yuan)"), max_digits=14, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_INCOME)])
    other_annual_income = models.DecimalField(
        _("other household income per year (yuan)"), max_digits=14, decimal_places=2,
        default=Decimal(0), validators=[MinValueValidator(Decimal(0)),
                                        MaxValueValidator(MAX_INCOME * 12)],
        help_text=_("Besides the monthly incomes of the worker and the members listed: "
                    "pensions, rent, subsidies and the like."))
    # Computed on every save, never typed (see `compute_income`).
    members_monthly_income = models.DecimalField(
        _("members' monthly income (yuan)"), max_digits=14, decimal_places=2,
        default=Decimal(0), editable=False)
    household_annual_income = models.DecimalField(
        _("household income per year (yuan)"), max_digits=14, decimal_places=2,
        default=Decimal(0), editable=False)
    income_per_capita = models.DecimalField(
        _("monthly income per person (yuan)"), max_digits=14, decimal_places=2,
        default=Decimal(0), editable=False,
    )
    above_line_reason = models.CharField(
        _("reason for an income above the minimum-living line"), max_length=REASON_LENGTH,
        blank=True, help_text=_("Required when the income per person is above the line, "
                                "e.g. hardship from expenses (支出型困难)."))
    registered_on = DateField(_("registered on"))  # the archive was entered (建档), not approved
    exited_on = DateField(_("out of hardship on"), null=True, blank=True, editable=False)
    state = models.CharField(_("archive state"), max_length=20, choices=State.choices,
                             default=State.DRAFT, editable=False)
    # Aid paid by bank transfer (社会化发放) goes here; the number is personal data like the
    # ID number: masked everywhere but the worker's page and the batch's bank file.
    bank_name = models.CharField(_("bank"), max_length=50, blank=True,
                                 validators=[validate_name])
    bank_account = models.CharField(_("bank account number"), max_length=32, blank=True,
                                    validators=[validate_bank_account])
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["name_pinyin"])

    class Meta:
        verbose_name = _("hardship worker")
        verbose_name_plural = _("hardship workers")
        ordering = ["name", "pk"]
        # The list and the search box sort by name: with a fragment, the first matches come
        # from walking this index instead of sorting every match.
        indexes = [models.Index(fields=["name", "id"], name="worker_name"),
                   # Pinyin prefixes (core.pinyin.name_matches); the operator class is PostgreSQL's.
                   models.Index(fields=["name_pinyin"], name="worker_name_pinyin",
                                opclasses=["varchar_pattern_ops"]),
                   models.Index(fields=["state", "hardship_level"], name="worker_state_level")]
        constraints = [
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True) | Q(exited_on__gte=F("registered_on")),
                name="worker_exit_after_registration",
                violation_error_message=_("A worker cannot leave hardship before registration."),
            ),
            models.CheckConstraint(condition=Q(household_size__gte=1),
                                   name="worker_household_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Birth date and sex are read from the ID number, never typed.
        self.id_number = normalize_id_number(self.id_number)
        self.bank_account = normalize_bank_account(self.bank_account)
        self.birth_date = birth_date_of(self.id_number)
        self.sex = sex_of(self.id_number)
        self.name_pinyin = search_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_pinyin"}
        self.compute_income()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"own_monthly_income", "other_annual_income",
                                          "household_size", "members_monthly_income"} \
                & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *self.COMPUTED}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("aid:worker-detail", args=[self.pk])

    def compute_income(self) -> None:
        """The household's income per year and the monthly income per person, from the typed
        incomes: (own monthly + members' monthly) × 12 + other yearly, over 12 × household size."""
        monthly = (self.own_monthly_income or Decimal(0)) + \
            (self.members_monthly_income or Decimal(0))
        self.household_annual_income = monthly * 12 + (self.other_annual_income or Decimal(0))
        self.income_per_capita = per_person_monthly(self.household_annual_income,
                                                    self.household_size or 1)

    def clean(self) -> None:
        # Normalised before the uniqueness check, so that "…x" finds the archive "…X".
        self.id_number = normalize_id_number(self.id_number)
        self.bank_account = normalize_bank_account(self.bank_account)
        errors = {}
        secondary = list(self.secondary_causes or [])
        if len(secondary) > self.MAX_SECONDARY_CAUSES:
            errors["secondary_causes"] = ValidationError(
                _("At most three secondary causes."), code="too_many_causes")
        elif self.main_cause and self.main_cause in secondary:
            errors["secondary_causes"] = ValidationError(
                _("The main cause is not also a secondary cause."), code="main_repeated")
        elif secondary and not self.main_cause:
            errors["main_cause"] = ValidationError(
                _("Choose the main cause first."), code="no_main_cause")
        if self.health != self.Health.DISABLED and self.disability_class:
            errors["disability_class"] = ValidationError(
                _("A disability class is given only when the health is 'disabled'."),
                code="class_without_disability")
        if errors:
            raise ValidationError(errors)

    def check_living_line(self) -> None:
        """An income per person above the year's minimum-living line needs a stated reason."""
        line = self.living_line()
        self.compute_income()
        if line is not None and self.income_per_capita > line.monthly_amount \
                and not self.above_line_reason.strip():
            raise ValidationError({"above_line_reason": ValidationError(
                _("The income per person (%(income)s) is above the minimum-living line of "
                  "%(year)s (%(line)s): state the reason."), code="above_line",
                params={"income": yuan(self.income_per_capita), "year": line.year,
                        "line": yuan(line.monthly_amount)})})

    def living_line(self):
        """The minimum-living line of the archive's year (the latest set before it)."""
        day = self.registered_on or timezone.localdate()
        return LivingStandard.for_year(day.year)

    @property
    def suggested_level(self) -> str:
        """The category the rules suggest (the page shows it beside the chosen one)."""
        line = self.living_line()
        return suggest_level(self.income_per_capita, line.monthly_amount if line else None,
                             self.main_cause)

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def causes(self) -> list[str]:
        """The main cause, then the secondary ones."""
        return [c for c in [self.main_cause, *(self.secondary_causes or [])] if c]

    @property
    def masked_bank_account(self) -> str:
        return mask_bank_account(self.bank_account)

    @property
    def cause_labels(self) -> list[str]:
        return self.labels_of_causes(self.causes)

    @classmethod
    def labels_of_causes(cls, causes: list[str] | None) -> list[str]:
        labels = dict(cls.Cause.choices)
        return [str(labels.get(cause, cause)) for cause in causes or []]


class Campaign(models.Model):
    """An aid campaign or batch (活动/批次), e.g. 2012年两节送温暖."""

    name = models.CharField(_("name"), max_length=100, unique=True, validators=[validate_name],
                            error_messages={"unique": _("A campaign with this name exists.")})
    starts_on = DateField(_("starts on"))
    ends_on = DateField(_("ends on"))
    standard_amount = models.DecimalField(
        _("standard amount per visit (yuan)"), max_digits=14, decimal_places=2,
        null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Pre-filled on each case of this campaign; leave empty if there is none."),
    )
    fund_source = models.ForeignKey(
        "aid.FundSource", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("default fund source"),
        help_text=_("The cases of this campaign are charged to it unless the leader approving "
                    "chooses another."))
    notes = TextField(_("notes"), blank=True, max_length=NOTE_LENGTH)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start",
                violation_error_message=_("A campaign cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(standard_amount__isnull=True) | Q(standard_amount__gt=0),
                name="campaign_standard_amount_positive",
                violation_error_message=_("The standard amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aid:campaign-detail", args=[self.pk])

    def day_within(self, day: date) -> date:
        """`day` moved into the campaign: its first day if earlier, its last day if later."""
        return min(max(day, self.starts_on), self.ends_on)


class AidCaseQuerySet(models.QuerySet):
    def counted(self) -> "AidCaseQuerySet":
        """Approved and paid cases: the only ones that count in figures."""
        return self.filter(status__in=AidCase.COUNTED_STATUSES)

    def pending(self) -> "AidCaseQuerySet":
        """Drafts and submitted cases: entered, not yet decided."""
        return self.filter(status__in=AidCase.PENDING_STATUSES)

    def relief(self) -> "AidCaseQuerySet":
        return self.filter(kind__in=AidCase.RELIEF_KINDS)

    def to_fix(self) -> "AidCaseQuerySet":
        """Rejected cases not entered again: no later case of the same worker and kind that
        was not rejected too (a rejected case is final; fixing it means entering it anew)."""
        again = (AidCase.objects.filter(worker=OuterRef("worker"), kind=OuterRef("kind"),
                                        pk__gt=OuterRef("pk"))
                 .exclude(status=AidCase.Status.REJECTED))
        return self.filter(status=AidCase.Status.REJECTED).exclude(Exists(again))

    def with_touched_by(self, user) -> "AidCaseQuerySet":
        """Annotate `touched`: the user entered, changed or submitted the case."""
        changed = AidCase.history.model.objects.filter(
            id=OuterRef("pk"), history_user=user.pk, status__in=AidCase.PENDING_STATUSES)
        return self.annotate(touched=Q(entered_by=user.pk) | Exists(changed))


@dataclass(frozen=True)
class CaseActions:
    """What one user may do with one case now (the services check again)."""

    can_edit: bool = False
    can_submit: bool = False
    can_approve: bool = False
    can_reject: bool = False
    can_pay: bool = False
    own_case: bool = False  # a leader who entered, changed or submitted it: no deciding


def not_decided_by_own(decider: str, name: str, message,
                       people: tuple[str, ...] = ("entered_by", "submitted_by"),
                       ) -> list[models.CheckConstraint]:
    """Check constraints: `decider`, when set, is none of `people` (those set).

    `name` gets "enterer"/"submitter" in its `{}`.
    """
    roles = {"entered_by": "enterer", "submitted_by": "submitter"}
    constraints = []
    for person in people:
        condition = Q(**{f"{decider}__isnull": True}) | ~Q(**{decider: F(person)})
        if person != "entered_by":  # the others may be empty
            condition = Q(**{f"{decider}__isnull": True}) | Q(**{f"{person}__isnull": True}) \
                | ~Q(**{decider: F(person)})
        constraints.append(models.CheckConstraint(
            condition=condition, name=name.format(roles[person]),
            violation_error_message=message))
    return constraints


class AidCase(models.Model):
    """An aid case (救助记录): a holiday visit or a relief payment to one hardship worker."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Holiday visit")
        LIVING = "living", _("Living relief")
        MEDICAL = "medical", _("Medical relief")
        EDUCATION = "education", _("Education relief")

    class Method(models.TextChoices):
        HOME = "home", _("Home visit")
        ON_SITE = "on_site", _("On site")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

    RELIEF_KINDS = (Kind.LIVING, Kind.MEDICAL, Kind.EDUCATION)
    COUNTED_STATUSES = (Status.APPROVED, Status.PAID)
    PENDING_STATUSES = (Status.DRAFT, Status.SUBMITTED)

    worker = models.ForeignKey(HardshipWorker, on_delete=models.PROTECT, related_name="cases",
                               verbose_name=_("worker"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices,
                              default=Method.HOME)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="cases", verbose_name=_("campaign"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    granted_on = DateField(_("granted on"))
    notes = TextField(_("notes"), blank=True, max_length=NOTE_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", editable=False, verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+", editable=False,
                                     verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+", editable=False,
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+", editable=False,
                                verbose_name=_("marked paid by"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True, editable=False)
    rejected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+", editable=False,
                                    verbose_name=_("rejected by"))
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True, editable=False)
    rejection_reason = TextField(_("reason for rejection"), blank=True, editable=False,
                                 max_length=REASON_LENGTH)
    # Charged when approved (aid.funds_services.charge): the money is committed, then paid.
    fund_source = models.ForeignKey("aid.FundSource", on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="cases", editable=False,
                                    verbose_name=_("fund source"))

    history = HistoricalRecords()
    objects = AidCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("aid case")
        verbose_name_plural = _("aid cases")
        ordering = ["-granted_on", "-pk"]
        indexes = [models.Index(fields=["granted_on", "status"], name="case_granted_status"),
                   # The first and last visit of each campaign (aid.figures.reported_from/to).
                   models.Index(fields=["campaign", "granted_on"], condition=Q(kind="visit"),
                                name="case_visit_campaign_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="case_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            # One holiday visit per worker and campaign (a rejected one does not count).
            models.UniqueConstraint(
                fields=["worker", "campaign"],
                condition=Q(kind="visit") & ~Q(status="rejected"),
                name="case_one_visit_per_worker_and_campaign",
                violation_error_message=_("This worker was already visited in this campaign."),
            ),
            # Four eyes: nobody approves, rejects or marks paid a case they entered or
            # submitted (a change in between is in the audit trail: the services check it).
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("entered_by")),
                name="case_not_approved_by_enterer",
                violation_error_message=_("Nobody may approve a case they entered."),
            ),
            *not_decided_by_own("approved_by", "case_not_approved_by_submitter",
                                _("Nobody may approve a case they entered or submitted."),
                                people=("submitted_by",)),
            *not_decided_by_own("rejected_by", "case_not_rejected_by_{}",
                                _("Nobody may reject a case they entered or submitted.")),
            *not_decided_by_own("paid_by", "case_not_paid_by_{}",
                                _("Nobody may mark paid a case they entered or submitted.")),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "paid"]) | Q(approved_by__isnull=False),
                name="case_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_by__isnull=False),
                name="case_paid_has_payer",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected")
                | (Q(rejected_by__isnull=False) & ~Q(rejection_reason="")),
                name="case_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Case No. %(number)s") % {"number": self.pk or "—"}

    def get_absolute_url(self) -> str:
        return reverse("aid:case-detail", args=[self.pk])

    @property
    def is_counted(self) -> bool:
        return self.status in self.COUNTED_STATUSES

    @property
    def is_editable(self) -> bool:
        """Only drafts are edited; a submitted case is what the leader decides on."""
        return self.status == self.Status.DRAFT

    def touched_by(self, user) -> bool:
        """Entered, changed or submitted by `user`: then that user does not approve, reject or
        mark it paid. (Approving is a decision, not a change: the approver may mark it paid.)"""
        return self.entered_by_id == user.pk or self.history.filter(
            history_user=user.pk, status__in=self.PENDING_STATUSES).exists()

    def allowed_actions(self, user) -> CaseActions:
        """The workflow steps `user` may take now: the page's buttons follow this.

        A `touched` annotation (`AidCaseQuerySet.with_touched_by(user)`) spares the history query.
        """
        entering, deciding = has_role(user, *EDITORS), has_role(user, *DECIDERS)
        draft = self.status == self.Status.DRAFT
        submitted = self.status == self.Status.SUBMITTED
        approved = self.status == self.Status.APPROVED
        own = deciding and (submitted or approved) and self._touched(user)
        return CaseActions(
            can_edit=entering and draft, can_submit=entering and draft,
            can_approve=deciding and submitted and not own,
            can_reject=deciding and submitted and not own,
            can_pay=deciding and approved and not own, own_case=own,
        )

    def _touched(self, user) -> bool:
        touched = getattr(self, "touched", None)
        return self.touched_by(user) if touched is None else touched

    def first_visit_in_campaign(self) -> "AidCase | None":
        """The visit already recorded for this worker in this campaign, if any."""
        if self.kind != self.Kind.VISIT or not self.campaign_id or not self.worker_id:
            return None
        if self.status == self.Status.REJECTED:
            return None
        return (AidCase.objects.filter(worker_id=self.worker_id, campaign_id=self.campaign_id,
                                       kind=self.Kind.VISIT)
                .exclude(status=self.Status.REJECTED).exclude(pk=self.pk)
                .order_by("pk").first())

    def clean(self) -> None:
        errors = {}
        if self.amount is not None and self.kind:
            cap = AidKindCap.objects.filter(kind=self.kind).values_list("max_amount",
                                                                        flat=True).first()
            if cap is not None and self.amount > cap:
                errors["amount"] = ValidationError(
                    _("At most %(cap)s for %(kind)s (the cap set by the administrators)."),
                    code="over_cap",
                    params={"cap": yuan(cap), "kind": self.get_kind_display()},
                )
        if self.granted_on:
            if self.granted_on > timezone.localdate():
                errors["granted_on"] = ValidationError(
                    _("The date granted cannot be in the future."), code="future")
            elif self.campaign_id and self.campaign and not (
                    self.campaign.starts_on <= self.granted_on <= self.campaign.ends_on):
                errors["granted_on"] = ValidationError(
                    _("The campaign runs from %(start)s to %(end)s."), code="outside_campaign",
                    params={"start": self.campaign.starts_on, "end": self.campaign.ends_on})
            elif self.worker_id:
                errors.update(self._archive_errors())
        first = self.first_visit_in_campaign()
        if first is not None:
            errors.setdefault("worker", []).append(ValidationError(
                _("%(worker)s was already visited in this campaign: case No. %(number)s "
                  "of %(date)s. A worker is visited once per campaign."),
                code="duplicate_visit",
                params={"worker": self.worker.name, "number": first.pk,
                        "date": first.granted_on},
            ))
        if errors:
            raise ValidationError(errors)

    def _archive_errors(self) -> dict[str, ValidationError]:
        """先建档、后帮扶: the worker's archive is active on the date granted (an active spell
        covers it), else the error to show."""
        spells = list(self.worker.spells.order_by("started_on"))
        if any(s.covers(self.granted_on) for s in spells):
            return {}
        if not spells:
            return {"worker": ValidationError(
                _("The archive of %(worker)s is not yet in force (%(state)s): aid is given only "
                  "to approved archives."), code="archive_not_active",
                params={"worker": self.worker.name, "state": self.worker.get_state_display()})}
        if self.granted_on < spells[0].started_on:
            return {"granted_on": ValidationError(
                _("The archive came into force on %(date)s: the date granted cannot be "
                  "earlier."), code="before_archive", params={"date": spells[0].started_on})}
        last = spells[-1]
        if last.ended_on is not None and self.granted_on > last.ended_on:
            return {"granted_on": ValidationError(
                _("This worker left hardship on %(date)s."), code="after_exit",
                params={"date": last.ended_on})}
        return {"granted_on": ValidationError(
            _("The archive was not in force on that date (out of hardship between spells)."),
            code="between_spells")}

    def validate_constraints(self, exclude=None) -> None:
        if self.first_visit_in_campaign() is not None:
            # clean() has reported it, naming the first visit; do not report it twice.
            exclude = {*(exclude or ()), "campaign"}
        super().validate_constraints(exclude=exclude)


class AidKindCap(models.Model):
    """The largest amount of one case of a kind, set by administrators (no row: no cap)."""

    kind = models.CharField(_("kind"), max_length=20, choices=AidCase.Kind.choices, unique=True)
    max_amount = models.DecimalField(_("largest amount per case (yuan)"), max_digits=14,
                                     decimal_places=2,
                                     validators=[MinValueValidator(Decimal("0.01"))])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cap per kind")
        verbose_name_plural = _("caps per kind")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(condition=Q(max_amount__gt=0), name="cap_positive",
                                   violation_error_message=_("A cap must be more than zero.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ≤ {yuan(self.max_amount)}"


from .archive_models import (  # noqa: E402, F401 (the archive's models, in their own module)
    ArchiveSettings,
    ArchiveSpell,
    HomeSurvey,
    HouseholdMember,
    LivingStandard,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)
from .funds_models import (  # noqa: E402, F401 (they point back at the models above)
    FundAllocation,
    FundSource,
    KindFundSource,
    PaymentBatch,
    PaymentFileDownload,
    PaymentLine,
)

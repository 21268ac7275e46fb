from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
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


class HardshipWorker(models.Model):
    """A hardship-worker archive (困难职工档案), one per ID number."""

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class EmploymentStatus(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        LAID_OFF = "laid_off", _("Laid off")
        RETIRED = "retired", _("Retired")

    class HardshipLevel(models.TextChoices):
        EXTREME = "extreme", _("Extreme hardship")
        RELATIVE = "relative", _("Relative hardship")
        ACCIDENT = "accident", _("Hardship by accident")

    class Cause(models.TextChoices):
        ILLNESS = "illness", _("Illness")
        DISABILITY = "disability", _("Disability")
        UNEMPLOYMENT = "unemployment", _("Unemployment")
        SCHOOLING = "schooling", _("Children's schooling")
        DISASTER = "disaster", _("Disaster")
        OTHER = "other", _("Other")

    name = models.CharField(_("full name"), max_length=50, validators=[validate_name])
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_resident_id],
        error_messages={"unique": _("An archive with this ID number already exists.")},
    )
    birth_date = DateField(_("date of birth"), editable=False, validators=[validate_birth_date])
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    phone = PhoneField(_("phone"), blank=True)
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT,
                              related_name="hardship_workers", verbose_name=_("union"))
    employer = models.CharField(_("employer"), max_length=100, blank=True,
                                validators=[validate_name])
    employment_status = models.CharField(_("employment status"), max_length=20,
                                         choices=EmploymentStatus.choices)
    hardship_level = models.CharField(_("hardship level"), max_length=20,
                                      choices=HardshipLevel.choices)
    causes = models.JSONField(_("causes of hardship"), default=list, blank=True)
    household_size = models.PositiveSmallIntegerField(_("household size"), default=1,
                                                      validators=[MinValueValidator(1)])
    income_per_capita = models.DecimalField(
        _("monthly income per person (yuan)"), max_digits=14, decimal_places=2,
        default=Decimal(0), validators=[MinValueValidator(Decimal(0))],
    )
    registered_on = DateField(_("registered on"))
    exited_on = DateField(_("out of hardship on"), null=True, blank=True)
    # Aid paid by bank transfer (社会化发放) goes here; the number is personal data like the
    # ID number: masked everywhere but the worker's page and the batch's bank file.
    bank_name = models.CharField(_("bank"), max_length=50, blank=True,
                                 validators=[validate_name])
    bank_account = models.CharField(_("bank account number"), max_length=32, blank=True,
                                    validators=[validate_bank_account])
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hardship worker")
        verbose_name_plural = _("hardship workers")
        ordering = ["name", "pk"]
        # The list and the search box sort by name: with a fragment, the first matches come
        # from walking this index instead of sorting every match.
        indexes = [models.Index(fields=["name", "id"], name="worker_name")]
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
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("aid:worker-detail", args=[self.pk])

    def clean(self) -> None:
        # Normalised before the uniqueness check, so that "…x" finds the archive "…X".
        self.id_number = normalize_id_number(self.id_number)
        self.bank_account = normalize_bank_account(self.bank_account)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

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


class AidCaseQuerySet(models.QuerySet):
    def counted(self) -> "AidCaseQuerySet":
        """Approved and paid cases: the only ones that count in figures."""
        return self.filter(status__in=AidCase.COUNTED_STATUSES)

    def pending(self) -> "AidCaseQuerySet":
        """Drafts and submitted cases: entered, not yet decided."""
        return self.filter(status__in=AidCase.PENDING_STATUSES)

    def relief(self) -> "AidCaseQuerySet":
        return self.filter(kind__in=AidCase.RELIEF_KINDS)

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
        indexes = [models.Index(fields=["granted_on", "status"], name="case_granted_status")]
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
            elif self.worker_id and self.worker.exited_on and self.granted_on > \
                    self.worker.exited_on:
                errors["granted_on"] = ValidationError(
                    _("This worker left hardship on %(date)s."), code="after_exit",
                    params={"date": self.worker.exited_on})
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


from .funds_models import (  # noqa: E402  (they point back at the models above)
    FundAllocation,
    FundSource,
    KindFundSource,
    PaymentBatch,
    PaymentFileDownload,
    PaymentLine,
)

__all__ = ["AidCase", "AidKindCap", "Campaign", "FundAllocation", "FundSource", "HardshipWorker",
           "KindFundSource", "PaymentBatch", "PaymentFileDownload", "PaymentLine"]

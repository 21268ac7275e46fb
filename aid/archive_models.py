"""The archive's procedure and household (issue 16): members, the minimum-living line, the home
survey, the public notice and its objections, the active spells, and the yearly review.

Imported at the bottom of aid/models.py, so `aid.models` names them all. The writes are in
aid/archive_services.py, the reads in aid/archive_selectors.py.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField, TextField
from core.text import NOTE_LENGTH, REASON_LENGTH, validate_name

from .validators import mask_id_number, normalize_id_number, validate_resident_id

MAX_INCOME = Decimal(1_000_000)


def _user(related: str = "+", *, null: bool = False, label=None) -> models.ForeignKey:
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name=related, null=null, blank=null, editable=False,
                             verbose_name=label)


class HouseholdMember(models.Model):
    """One member of the worker's household (the national form's member table)."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        GRANDCHILD = "grandchild", _("Grandchild")
        OTHER = "other", _("Other relative")

    worker = models.ForeignKey("aid.HardshipWorker", on_delete=models.CASCADE,
                               related_name="members", verbose_name=_("worker"))
    name = models.CharField(_("full name"), max_length=50, validators=[validate_name])
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True,
                                 validators=[validate_resident_id])
    health = models.CharField(_("health"), max_length=20, default="good",
                              choices=[("good", _("Good")), ("chronic", _("Chronic illness")),
                                       ("cancer", _("Cancer")), ("uremia", _("Uremia")),
                                       ("serious", _("Other serious illness")),
                                       ("disabled", _("Disabled"))])
    occupation = models.CharField(_("work or school"), max_length=100, blank=True)
    monthly_income = models.DecimalField(
        _("monthly income (yuan)"), max_digits=14, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_INCOME)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["worker", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(monthly_income__gte=0),
                                   name="member_income_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.id_number = normalize_id_number(self.id_number)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""


class LivingStandard(models.Model):
    """The county's minimum-living line (低保线) of a year, per person and month; admins keep it."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        error_messages={"unique": _("The line of this year is already set.")})
    monthly_amount = models.DecimalField(
        _("monthly amount per person (yuan)"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100000))])
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minimum-living line")
        verbose_name_plural = _("minimum-living lines")
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=Q(monthly_amount__gt=0),
                                              name="living_line_positive")]

    def __str__(self) -> str:
        return f"{self.year}: {self.monthly_amount}"

    @classmethod
    def for_year(cls, year: int) -> "LivingStandard | None":
        """The line of `year`, or the latest one set before it."""
        return cls.objects.filter(year__lte=year).order_by("-year").first()


class ArchiveSettings(models.Model):
    """The county's settings of the archive procedure (one row; admins keep it)."""

    DEFAULT_NOTICE_DAYS = 7

    notice_days = models.PositiveSmallIntegerField(
        _("minimum days of a public notice"), default=DEFAULT_NOTICE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)])
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("archive settings")
        verbose_name_plural = _("archive settings")

    def __str__(self) -> str:
        return str(_("archive settings"))

    @classmethod
    def notice_minimum(cls) -> int:
        row = cls.objects.order_by("pk").first()
        return row.notice_days if row else cls.DEFAULT_NOTICE_DAYS


class HomeSurvey(models.Model):
    """A home survey (入户调查): when, who went, what they found."""

    worker = models.ForeignKey("aid.HardshipWorker", on_delete=models.CASCADE,
                               related_name="surveys", verbose_name=_("worker"))
    surveyed_on = DateField(_("surveyed on"))
    surveyors = models.CharField(_("who went"), max_length=100)
    findings = TextField(_("findings"), max_length=NOTE_LENGTH)
    relapse = models.BooleanField(_("after falling back into hardship"), default=False,
                                  editable=False)
    recorded_by = _user(label=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("home survey")
        verbose_name_plural = _("home surveys")
        ordering = ["-surveyed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.worker} {self.surveyed_on}"


class PublicNotice(models.Model):
    """A public notice (公示) of an archive: from, to, where; objections beside it."""

    worker = models.ForeignKey("aid.HardshipWorker", on_delete=models.CASCADE,
                               related_name="notices", verbose_name=_("worker"))
    starts_on = DateField(_("notice from"))
    ends_on = DateField(_("notice to"))
    place = models.CharField(_("place"), max_length=100)
    recorded_by = _user(label=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-starts_on", "-pk"]
        constraints = [models.CheckConstraint(
            condition=Q(ends_on__gte=F("starts_on")), name="notice_ends_after_start",
            violation_error_message=_("A notice cannot end before it starts."))]

    def __str__(self) -> str:
        return f"{self.worker} {self.starts_on}–{self.ends_on}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on >= self.starts_on:
            minimum = ArchiveSettings.notice_minimum()
            if self.days < minimum:
                raise ValidationError({"ends_on": ValidationError(
                    _("A notice runs at least %(days)s days (the county's setting)."),
                    code="notice_too_short", params={"days": minimum})})


class NoticeObjection(models.Model):
    """An objection raised during a public notice, and how it was resolved."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE,
                               related_name="objections", verbose_name=_("public notice"))
    raised_on = DateField(_("raised on"))
    content = TextField(_("objection"), max_length=REASON_LENGTH)
    resolution = TextField(_("resolution"), max_length=REASON_LENGTH, blank=True)
    resolved_on = DateField(_("resolved on"), null=True, blank=True)
    recorded_by = _user(label=_("recorded by"))
    resolved_by = _user(null=True, label=_("resolved by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["raised_on", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(resolved_on__isnull=True) | ~Q(resolution=""),
            name="objection_resolved_has_resolution")]

    def __str__(self) -> str:
        return self.content[:30]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_on is not None


class ArchiveSpell(models.Model):
    """One period in which an archive is active: from a leader's approval to leaving hardship.

    A relapse (返困) opens a new spell; a spell once ended is never reopened or overwritten.
    """

    class EndReason(models.TextChoices):
        EMPLOYMENT = "employment", _("Found work")
        INCOME = "income", _("Income rose")
        OTHER = "other", _("Other")

    worker = models.ForeignKey("aid.HardshipWorker", on_delete=models.PROTECT,
                               related_name="spells", verbose_name=_("worker"))
    started_on = DateField(_("active from"))
    ended_on = DateField(_("out of hardship on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=20, blank=True,
                                  choices=EndReason.choices)
    end_note = models.CharField(_("note on leaving"), max_length=REASON_LENGTH, blank=True)
    relapse = models.BooleanField(_("after falling back into hardship"), default=False)
    # Who recorded the notice it was approved on, and the approving leader (empty on the
    # spells migrated from the archives kept before the procedure).
    prepared_by = _user(null=True, label=_("prepared by"))
    approved_by = _user(null=True, label=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("active spell")
        verbose_name_plural = _("active spells")
        ordering = ["worker", "started_on", "pk"]
        indexes = [models.Index(fields=["started_on", "ended_on"], name="spell_dates")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="spell_ends_after_start",
                violation_error_message=_("A spell cannot end before it starts.")),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="spell_end_has_reason"),
            models.UniqueConstraint(fields=["worker"], condition=Q(ended_on__isnull=True),
                                    name="spell_one_open_per_worker"),
            # Four eyes: the leader who approves did not prepare the archive.
            models.CheckConstraint(condition=Q(approved_by__isnull=True)
                                   | Q(prepared_by__isnull=True)
                                   | ~Q(approved_by=F("prepared_by")),
                                   name="spell_not_approved_by_preparer",
                                   violation_error_message=_(
                                       "Nobody may approve an archive they prepared.")),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.started_on}–{self.ended_on or ''}"

    def covers(self, day: date) -> bool:
        """Aid may be granted on `day` (the day of leaving included)."""
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)


class ReviewRound(models.Model):
    """The yearly review (年度复核) of every active archive; a leader approves its results."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        error_messages={"unique": _("The review round of this year exists.")})
    opened_by = _user(label=_("opened by"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)
    approved_by = _user(null=True, label=_("approved by"))
    approved_on = DateField(_("approved on"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-year"]
        constraints = [models.CheckConstraint(
            condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("opened_by")),
            name="round_not_approved_by_opener",
            violation_error_message=_("Nobody may approve a review round they opened."))]

    def __str__(self) -> str:
        return str(_("Review of %(year)s") % {"year": self.year})

    @property
    def is_approved(self) -> bool:
        return self.approved_by_id is not None


class ReviewOutcome(models.Model):
    """The outcome of one archive's yearly review: continue, change category, or leave."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        CHANGE = "change", _("Change category")
        EXIT = "exit", _("Leave hardship")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="outcomes",
                              verbose_name=_("review round"))
    worker = models.ForeignKey("aid.HardshipWorker", on_delete=models.PROTECT,
                               related_name="reviews", verbose_name=_("worker"))
    decision = models.CharField(_("outcome"), max_length=20, choices=Decision.choices)
    new_level = models.CharField(_("new category"), max_length=20, blank=True,
                                 choices=[("extreme", _("Extreme hardship")),
                                          ("relative", _("Relative hardship")),
                                          ("accident", _("Hardship by accident"))])
    exit_reason = models.CharField(_("reason for leaving"), max_length=20, blank=True,
                                   choices=ArchiveSpell.EndReason.choices)
    surveyed_on = DateField(_("surveyed on"))
    notes = models.CharField(_("notes"), max_length=REASON_LENGTH, blank=True)
    recorded_by = _user(label=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review outcome")
        verbose_name_plural = _("review outcomes")
        ordering = ["round", "worker__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "worker"], name="one_outcome_per_round",
                                    violation_error_message=_(
                                        "This archive's outcome is already recorded.")),
            models.CheckConstraint(condition=~Q(decision="change") | ~Q(new_level=""),
                                   name="outcome_change_has_level"),
            models.CheckConstraint(condition=~Q(decision="exit") | ~Q(exit_reason=""),
                                   name="outcome_exit_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.get_decision_display()}"

    def clean(self) -> None:
        if self.decision == self.Decision.CHANGE and not self.new_level:
            raise ValidationError({"new_level": _("Choose the new category.")})
        if self.decision == self.Decision.EXIT and not self.exit_reason:
            raise ValidationError({"exit_reason": _("Say why the worker leaves hardship.")})

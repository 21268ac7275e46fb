from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField, TextField
from core.periods import HALVES, Period
from core.text import NARRATIVE_LENGTH, validate_name

from .document import Document
from .frozen import load

SIGNED_WITHIN = timedelta(days=366)  # a document is dated at most a year after its period


class Federation(models.Model):
    """The federation whose summary this is (the sender and the sign-off of the document) and
    whom it is addressed to (主送): a single row, written by an administrator on the first-run
    setup page and edited on the federation settings page. No row: the installation is new."""

    name = models.CharField(_("federation name"), max_length=100, validators=[validate_name],
                            help_text=_("As it signs the summary, e.g. 某某县总工会."))
    county = models.CharField(_("county"), max_length=60, blank=True, validators=[validate_name],
                              help_text=_("The county (or district) the federation serves."))
    addressee = models.CharField(
        _("addressee"), max_length=200, blank=True, validators=[validate_name],
        help_text=_("Whom the summary is addressed to (主送), e.g. 伊春市总工会; several are "
                    "separated by 、."))

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federation")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Federation":
        """The federation; before the first-run setup an unsaved one without a name."""
        return cls.objects.order_by("pk").first() or cls(name="")

    @classmethod
    def is_set_up(cls) -> bool:
        return cls.objects.exists()


class SummaryQuerySet(models.QuerySet):
    def annotate_publications(self):
        return self.annotate(publication_count=models.Count("publications"))


class Summary(models.Model):
    """The narrative of one period's summary; the figures come live from the records."""

    class Half(models.TextChoices):
        H1 = "h1", _("First half")
        H2 = "h2", _("Second half")
        YEAR = "year", _("Whole year")

    SECTIONS = ("economy", "pairings", "aid", "organisation", "own_work")
    NARRATIVE_FIELDS = ("opening", "remark_economy", "remark_pairings", "remark_aid",
                        "remark_organisation", "remark_own_work", "plans")
    HEADING_FIELDS = tuple(f"heading_{key}" for key in SECTIONS)
    LEAD_FIELDS = tuple(f"lead_{key}" for key in SECTIONS if key != "own_work")

    year = models.PositiveSmallIntegerField(_("year"))
    half = models.CharField(_("period"), max_length=4, choices=Half.choices)
    opening = TextField(_("opening paragraph"), blank=True, max_length=NARRATIVE_LENGTH)
    remark_economy = TextField(_("remark on the self-employed economy"), blank=True,
                               max_length=NARRATIVE_LENGTH)
    remark_pairings = TextField(_("remark on pairings and student aid"), blank=True,
                                max_length=NARRATIVE_LENGTH)
    remark_aid = TextField(_("remark on hardship aid"), blank=True, max_length=NARRATIVE_LENGTH)
    remark_organisation = TextField(_("remark on grassroots organisation and activities"),
                                    blank=True, max_length=NARRATIVE_LENGTH)
    remark_own_work = TextField(_("the federation's own work"), blank=True,
                                max_length=NARRATIVE_LENGTH)
    plans = TextField(_("plans for the next half"), blank=True, max_length=NARRATIVE_LENGTH)
    # A heading left empty is the document's default (which follows the data).
    heading_economy = models.CharField(_("heading of the self-employed economy"),
                                       max_length=60, blank=True)
    heading_pairings = models.CharField(_("heading of pairings and student aid"),
                                        max_length=60, blank=True)
    heading_aid = models.CharField(_("heading of hardship aid"), max_length=60, blank=True)
    heading_organisation = models.CharField(
        _("heading of grassroots organisation and activities"), max_length=60, blank=True)
    heading_own_work = models.CharField(_("heading of the federation's own work"),
                                        max_length=60, blank=True)
    lead_economy = TextField(_("lead-in to the self-employed economy"), max_length=2000,
                                    blank=True)
    lead_pairings = TextField(_("lead-in to pairings and student aid"), max_length=2000,
                                     blank=True)
    lead_aid = TextField(_("lead-in to hardship aid"), max_length=2000, blank=True)
    lead_organisation = TextField(
        _("lead-in to grassroots organisation and activities"), max_length=2000, blank=True)
    dropped = models.JSONField(_("generated sentences left out"), default=list, blank=True)
    signed_on = DateField(
        _("date of the document"), null=True, blank=True,
        help_text=_("The date under the federation's name (成文日期); empty: the day it is "
                    "published."))
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = SummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        ordering = ["-year", "half"]
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="summary_one_per_period"),
            models.CheckConstraint(condition=Q(half__in=HALVES), name="summary_half_valid"),
        ]

    def __str__(self) -> str:
        return self.period.label

    def get_absolute_url(self) -> str:
        return reverse("reports:summary", args=[self.year, self.half])

    @property
    def period(self) -> Period:
        return Period(self.year, self.half)

    def clean(self) -> None:
        if self.signed_on and not (self.period.start <= self.signed_on
                                   <= self.period.end + SIGNED_WITHIN):
            raise ValidationError({"signed_on": _(
                "The date of the document lies between the start of the period and a year "
                "after its end (%(start)s to %(end)s).") % {
                "start": self.period.start.isoformat(),
                "end": (self.period.end + SIGNED_WITHIN).isoformat()}})


class Publication(models.Model):
    """A published version: a frozen snapshot of the whole document. Never changed afterwards."""

    summary = models.ForeignKey(Summary, on_delete=models.PROTECT, related_name="publications",
                                verbose_name=_("summary"))
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("document"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    # The consistency warnings the leader read and acknowledged when publishing, as shown.
    warnings = models.JSONField(_("warnings acknowledged"), default=list, blank=True,
                                editable=False)

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["summary", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["summary", "number"],
                                    name="publication_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.summary} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A published version cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:publication",
                       args=[self.summary.year, self.summary.half, self.number])

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published version cannot be deleted."))

    def content(self) -> Document:
        """The frozen document, whichever schema version froze it."""
        return load(self.document)

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import TextField
from core.periods import HALVES, Period
from core.text import NARRATIVE_LENGTH, validate_name

from .document import Document
from .frozen import load


class Federation(models.Model):
    """The federation whose summary this is: a single row, edited by admins."""

    name = models.CharField(_("federation name"), max_length=100, default="嘉荫县总工会",
                            validators=[validate_name])
    superior = models.CharField(_("superior federation"), max_length=100, default="市总工会",
                                validators=[validate_name])

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federation")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Federation":
        federation = cls.objects.order_by("pk").first()
        return federation or cls.objects.create()


class SummaryQuerySet(models.QuerySet):
    def annotate_publications(self):
        return self.annotate(publication_count=models.Count("publications"))


class Summary(models.Model):
    """The narrative of one period's summary; the figures come live from the records."""

    class Half(models.TextChoices):
        H1 = "h1", _("First half")
        H2 = "h2", _("Second half")
        YEAR = "year", _("Whole year")

    NARRATIVE_FIELDS = ("opening", "remark_economy", "remark_pairings", "remark_aid",
                        "remark_organisation", "remark_own_work", "plans")

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


class Publication(models.Model):
    """A published version: a frozen snapshot of the whole document. Never changed afterwards."""

    summary = models.ForeignKey(Summary, on_delete=models.PROTECT, related_name="publications",
                                verbose_name=_("summary"))
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("document"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

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

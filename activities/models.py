"""Cultural and sports activities (文体活动) the federation organised or took part in."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import DateField, TextField
from core.text import NOTE_LENGTH, validate_name


class Activity(models.Model):
    """One activity: a tournament, a race, a contest, a performance."""

    class Kind(models.TextChoices):
        SPORTS = "sports", pgettext_lazy("activity kind", "Sports")
        ARTS = "arts", pgettext_lazy("activity kind", "Arts and culture")
        CONTEST = "contest", pgettext_lazy("activity kind", "Contest")
        OTHER = "other", pgettext_lazy("activity kind", "Other")

    class Level(models.TextChoices):
        COUNTY = "county", pgettext_lazy("activity level", "County")
        CITY = "city", pgettext_lazy("activity level", "City")

    title = models.CharField(_("title"), max_length=150, validators=[validate_name])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    edition = models.PositiveSmallIntegerField(
        _("edition"), null=True, blank=True,
        validators=[MinValueValidator(1, message=_("The edition starts at 1."))],
        help_text=_("The number of the edition, e.g. 7 for the 7th."),
    )
    cup = models.CharField(
        _("cup or sponsor"), max_length=100, blank=True, validators=[validate_name],
        help_text=_("The named cup or sponsor, e.g. 信合杯."),
    )
    held_on = DateField(_("held on"))
    co_organisers = models.CharField(
        _("co-organisers"), max_length=200, blank=True,
        help_text=_("Organisations that ran it with the federation, separated by 、"),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices,
                             default=Level.COUNTY)
    participants = models.CharField(
        _("participants"), max_length=200, blank=True,
        help_text=_("Who took part, e.g. workers, pupils, soldiers and police."),
    )
    unions = models.ManyToManyField(
        "unions.Union", blank=True, related_name="activities",
        verbose_name=_("participating unions"),
        help_text=_("The grassroots unions that sent participants."),
    )
    participant_count = models.PositiveIntegerField(_("number of participants"), null=True,
                                                    blank=True)
    results = TextField(_("results"), blank=True, max_length=NOTE_LENGTH)
    awards = TextField(
        _("awards"), blank=True, max_length=NOTE_LENGTH,
        help_text=_("Awards won by the federation or its contestants."),
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "held_on"], name="activity_unique_title_per_day",
                violation_error_message=_("An activity with this title on this date exists."),
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(edition__gte=1),
                name="activity_edition_from_one",
                violation_error_message=_("The edition starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:activity-detail", args=[self.pk])

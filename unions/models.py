from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validate_credit_code


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

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True,
        validators=[validate_credit_code],
    )
    chair = models.CharField(_("chair"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    established_on = models.DateField(_("established on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    joint_union = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="covered_unions",
        limit_choices_to={"kind": Kind.JOINT}, verbose_name=_("industry joint union"),
    )

    history = HistoricalRecords()

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


class HeadcountReturn(models.Model):
    """Members and workers of one union at one date (会员及职工人数)."""

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="headcount_returns",
                              verbose_name=_("union"))
    as_of = models.DateField(_("as of"))
    members = models.PositiveIntegerField(_("members"))
    employed = models.PositiveIntegerField(_("employed workers"))
    laid_off = models.PositiveIntegerField(_("laid-off workers"))
    joined = models.PositiveIntegerField(
        _("members joined"), default=0,
        help_text=_("Members who joined since the union's previous return."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("headcount return")
        verbose_name_plural = _("headcount returns")
        ordering = ["union", "-as_of"]
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

    @property
    def workers(self) -> int:
        return self.employed + self.laid_off

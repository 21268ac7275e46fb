"""The fund ledger (资金台账) of a round."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField
from core.text import validate_name

from .common import not_in_future
from .pairs import Pairing, Project
from .rounds import Programme, Round


class FundEntry(models.Model):
    """A line of a round's fund ledger (资金台账), in yuan."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("Funds raised")
        INJECTED = "injected", _("Start-up capital injected")
        DONATION = "donation", _("Donation received")
        DISBURSED = "disbursed", _("Disbursed to beneficiary")

    INCOMING = (Kind.RAISED, Kind.DONATION)
    OUTGOING = (Kind.INJECTED, Kind.DISBURSED)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="fund_entries",
                              verbose_name=_("round"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    entered_on = DateField(_("date"))
    pairing = models.ForeignKey(Pairing, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="fund_entries", verbose_name=_("pairing"))
    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="fund_entries", verbose_name=_("project"))
    counterparty = models.CharField(
        _("counterparty"), max_length=100, blank=True, validators=[validate_name],
        help_text=_("Who gave the money, or who received it."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, editable=False,
                                   related_name="+", verbose_name=_("entered by"))
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["-entered_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="fund_entry_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="injected") | Q(project__isnull=False, pairing__isnull=False),
                name="fund_injection_names_a_project",
                violation_error_message=_("Start-up capital is injected into a project."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="disbursed") | Q(pairing__isnull=False),
                name="fund_disbursement_names_a_pairing",
                violation_error_message=_("A disbursement names the pairing it goes to."),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["raised", "donation"]) | Q(project__isnull=True),
                name="fund_income_has_no_project",
                violation_error_message=_("Money raised or received is not tied to a project."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.entered_on})"

    def get_absolute_url(self) -> str:
        return reverse("pairings:fund-detail", args=[self.pk])

    @classmethod
    def kinds_of(cls, programme: Programme) -> tuple[str, ...]:
        """The kinds of line a programme's ledger holds (the ledger builds on rounds, not the
        other way round)."""
        if programme.kind == Programme.Kind.STUDENT:
            return (cls.Kind.DONATION, cls.Kind.DISBURSED)
        return (cls.Kind.RAISED, cls.Kind.INJECTED, cls.Kind.DISBURSED)

    @property
    def is_outgoing(self) -> bool:
        return self.kind in self.OUTGOING

    def clean(self):
        errors = self._kind_errors() | self._project_errors()
        if "project" not in errors:
            errors |= self._pairing_errors()
        errors |= self._round_errors()
        errors |= not_in_future(self.entered_on, "entered_on")
        if errors:
            raise ValidationError(errors)

    def _kind_errors(self) -> dict[str, ValidationError]:
        """What each kind of line must (or must not) name; the constraints, as field messages."""
        if self.kind == self.Kind.INJECTED and not self.project_id:
            return {"project": ValidationError(
                _("Start-up capital is injected into a project."), code="required_project")}
        if self.kind == self.Kind.DISBURSED and not self.pairing_id:
            return {"pairing": ValidationError(
                _("A disbursement names the pairing it goes to."), code="required_pairing")}
        if self.kind in self.INCOMING and self.project_id:
            return {"project": ValidationError(
                _("Money raised or received is not tied to a project."), code="income_project")}
        return {}

    def _project_errors(self) -> dict[str, ValidationError]:
        """A project belongs to the line's round and pairing (its pairing, when none is named)."""
        if not self.project_id:
            return {}
        if self.pairing_id is None:
            self.pairing_id = self.project.pairing_id
        if self.round_id and self.project.pairing.round_id != self.round_id:
            return {"project": ValidationError(
                _("This project belongs to another round."), code="project_round")}
        if self.project.pairing_id != self.pairing_id:
            return {"project": ValidationError(
                _("This project belongs to another pairing."), code="project_pairing")}
        return {}

    def _pairing_errors(self) -> dict[str, ValidationError]:
        if self.pairing_id and self.round_id and self.pairing.round_id != self.round_id:
            return {"pairing": ValidationError(
                _("This pairing belongs to another round."), code="pairing_round")}
        return {}

    def _round_errors(self) -> dict[str, ValidationError]:
        """The kind fits the round's programme, the date lies inside the round."""
        if not self.round_id:
            return {}
        errors = {}
        if self.kind and self.kind not in self.kinds_of(self.round.programme):
            errors["kind"] = ValidationError(
                _("%(kind)s is not an entry of this programme."),
                code="kind_programme", params={"kind": self.get_kind_display()},
            )
        if self.entered_on and not self.round.covers(self.entered_on):
            errors["entered_on"] = self.round.outside_message()
        return errors

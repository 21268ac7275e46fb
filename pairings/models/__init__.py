"""Poverty-alleviation pairings (扶贫帮扶结对) and student aid (助学结对): DESIGN §3.3."""

from .ledger import FundEntry
from .pairs import Pairing, PairingHelper, PairingQuerySet, Project
from .rounds import Beneficiary, Helper, Programme, Round, RoundQuerySet

__all__ = [
    "Beneficiary", "FundEntry", "Helper", "Pairing", "PairingHelper", "PairingQuerySet",
    "Programme", "Project", "Round", "RoundQuerySet",
]

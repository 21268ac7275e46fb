"""One item of a signed-in user's to-do list on the home page."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Todo:
    label: str  # translated, e.g. "3 cases await your approval"
    count: int
    url: str

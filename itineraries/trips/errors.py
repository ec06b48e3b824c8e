"""The trip domain's errors. Each edge maps them in one place: the API in ``api/errors.py`` (400, 403, 404, 412),
the pages in ``web/errors.py`` (the form's page again, the 403 and 404 pages, the 409 conflict page)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from itineraries.trips.access import Role


class FieldMessage(str):
    """A message a tourist can read, with a machine code for API clients (``unknown_place``, ``out_of_range``)."""

    code: str

    def __new__(cls, message: str, code: str = "invalid") -> FieldMessage:
        made = super().__new__(cls, message)
        made.code = code
        return made


@dataclass(frozen=True)
class FieldError:
    """Why a field is refused, without words: ``code`` for API clients (``unknown_place``, ``out_of_range``),
    ``reason`` the sentence the edge says (trips/wording.py) and ``params`` what that sentence needs; a place is
    given by both its names (``name_en``, ``name_zh``), so the edge can say it in the page's language."""

    code: str
    reason: str
    params: Mapping[str, str | int | float | tuple[str, ...]] = field(default_factory=dict)  # a tuple: names


class InvalidRequest(Exception):
    """A trip request that cannot be accepted; ``errors`` maps each field to what is wrong with it: FieldErrors
    from the domain, or a message an edge worded itself (its pages' own checks)."""

    def __init__(self, errors: Mapping[str, list[FieldError | str]]) -> None:
        super().__init__("; ".join(f"{name}: {' '.join(map(_said, said))}" for name, said in errors.items()))
        self.errors = dict(errors)


def _said(error: FieldError | str) -> str:
    return error.reason if isinstance(error, FieldError) else error


class PlanError(Exception):
    """A plan that could not be made after its request was accepted; stored as the itinerary's error."""


class TripGone(Exception):
    """The trip was deleted while a write to it was under way: the write is dropped (404 / a page, never 500)."""


class StaleWrite(Exception):
    """A write based on a state of the trip that has changed since: ``changed`` names what changed (``version``,
    ``name``, ``notes``), ``latest_version`` is the trip's newest version now. Answered 412 (API) or with a page
    that shows both (web); never a silent loss."""

    def __init__(self, *, changed: tuple[str, ...], latest_version: int) -> None:
        super().__init__(f"the trip changed since it was read ({', '.join(changed)}); latest is {latest_version}")
        self.changed = changed
        self.latest_version = latest_version


class NoSuchTrip(Exception):
    """An unknown or malformed id, or a private trip the caller may not see (it is not admitted to exist)."""


class NotAllowed(Exception):
    """The caller may read the trip but not do this (``need`` says what it takes)."""

    def __init__(self, need: Role) -> None:
        super().__init__(f"needs {need.name.lower()}")
        self.need = need

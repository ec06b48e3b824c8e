"""The trip domain's errors. Each edge maps them in one place: the API in ``api/errors.py`` (400, 403, 404, 412),
the pages in ``web/errors.py`` (the form's page again, the 403 and 404 pages, the 409 conflict page)."""

from __future__ import annotations

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


class InvalidRequest(Exception):
    """A trip request that cannot be accepted; ``errors`` maps each field to messages a tourist can read (each may
    be a FieldMessage carrying its code)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items()))
        self.errors = errors

    def readable(self) -> str:
        """Every field's messages in one line, for a page that shows why it refused."""
        return " ".join(message for messages in self.errors.values() for message in messages)


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

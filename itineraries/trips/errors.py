"""The trip domain's errors. The API's one exception handler turns InvalidRequest into a 400."""

from __future__ import annotations


class InvalidRequest(Exception):
    """A trip request that cannot be accepted; ``errors`` maps each field to messages a tourist can read."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items()))
        self.errors = errors


class PlanError(Exception):
    """A plan that could not be made after its request was accepted; stored as the itinerary's error."""

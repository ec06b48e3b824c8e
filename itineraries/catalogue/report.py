"""What the catalogue states and on what authority: per record, the coordinate grade and source, and whether its
opening hours and ticket are sourced, estimated or absent."""

from __future__ import annotations

from dataclasses import dataclass

from itineraries.catalogue.models import Destination
from itineraries.catalogue.validation import fact_errors

FACT_FIELDS = ("hours_source", "hours_estimated", "ticket_cny", "ticket_source", "ticket_estimated")


@dataclass(frozen=True)
class FactRow:
    slug: str
    kind: str
    grade: str
    added: bool
    source: str
    hours: str  # "sourced", "estimated", "sourced, estimated" or "none (open access)"
    ticket: str  # "sourced", "estimated", "unknown" ...
    problems: tuple[str, ...]


def _state(value_present: bool, sourced: bool, estimated: bool, absent: str) -> str:
    if not value_present:
        return absent
    states = [name for name, flag in (("sourced", sourced), ("estimated", estimated)) if flag]
    return ", ".join(states) or "UNSOURCED"


def catalogue_facts() -> list[FactRow]:
    rows = []
    for d in Destination.objects.order_by("kind", "slug"):
        record = {"hours": d.opening_hours, **{name: getattr(d, name) for name in FACT_FIELDS}}
        problems = tuple(f"{field}: {message}" for field, message in fact_errors(record))
        if not d.source.strip():
            problems += ("source: the record has no source",)
        sight = d.kind == Destination.Kind.SIGHT
        rows.append(
            FactRow(
                slug=d.slug,
                kind=d.kind,
                grade=d.confidence,
                added=d.added,
                source=d.source,
                hours=_state(
                    bool(d.opening_hours),
                    bool(d.hours_source.strip()),
                    d.hours_estimated,
                    "open access" if sight else "-",
                ),
                ticket=_state(
                    d.ticket_cny is not None,
                    bool(d.ticket_source.strip()),
                    d.ticket_estimated,
                    "unknown" if sight else "-",
                ),
                problems=problems,
            )
        )
    return rows

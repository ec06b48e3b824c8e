"""What the catalogue states and on what authority: per record, the coordinate grade and source, and whether its
opening hours and ticket are sourced, estimated or absent."""

from __future__ import annotations

from dataclasses import dataclass

from geopy.distance import geodesic

from itineraries.catalogue.models import Destination
from itineraries.catalogue.passes import hours_outside_pass
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
    nearest: str = ""  # the nearest other sight (for a sight) or place
    nearest_km: float | None = None
    ticket_pass: str = ""
    outside_pass: bool = False  # open on some date when its pass is not
    sources: tuple[str, ...] = ()  # publisher: title (date)


def _nearest(place: Destination, others: list[Destination]) -> tuple[str, float | None]:
    """The nearest other place of the same kind (sights among sights, beds among beds, towns among towns)."""
    best = min(
        ((geodesic((place.lat, place.lon), (o.lat, o.lon)).km, o.slug) for o in others if o.kind == place.kind
         and o.pk != place.pk),
        default=None,
    )  # fmt: skip
    return ("", None) if best is None else (best[1], round(best[0], 2))


def _state(value_present: bool, sourced: bool, estimated: bool, absent: str) -> str:
    if not value_present:
        return absent
    states = [name for name, flag in (("sourced", sourced), ("estimated", estimated)) if flag]
    return ", ".join(states) or "UNSOURCED"


def catalogue_facts() -> list[FactRow]:
    rows = []
    places = list(
        Destination.objects.order_by("kind", "slug").select_related("ticket_pass").prefetch_related("sources")
    )
    for d in places:
        record = {"hours": d.opening_hours, **{name: getattr(d, name) for name in FACT_FIELDS}}
        problems = tuple(f"{field}: {message}" for field, message in fact_errors(record))
        if not d.source.strip():
            problems += ("source: the record has no source",)
        sight = d.kind == Destination.Kind.SIGHT
        nearest, km = _nearest(d, places)
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
                nearest=nearest,
                nearest_km=km,
                ticket_pass=d.ticket_pass.slug if d.ticket_pass else "",
                outside_pass=bool(d.ticket_pass and hours_outside_pass(d.opening_hours, d.ticket_pass.opening_hours)),
                sources=tuple(str(s) for s in d.sources.all()),
            )
        )
    return rows


def shared_points(rows: list[FactRow]) -> list[FactRow]:
    """Sights that stand on the same point (to 10 m) as another sight."""
    return [r for r in rows if r.kind == "sight" and r.nearest_km is not None and r.nearest_km < 0.01]

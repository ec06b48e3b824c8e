"""Validation of catalogue records, shared by the seed loader, the admin and imports."""

from __future__ import annotations

from collections.abc import Set

from django.utils.translation import gettext as _

from itineraries.catalogue.choices import INTERESTS, MAX_DAYS, MODES, PACES
from itineraries.catalogue.hours import validate_hours
from itineraries.catalogue.promises import promise_errors

# Shanxi's extent with a small margin (34.57-40.73 N, 110.23-114.55 E).
SHANXI_LAT = (34.4, 40.8)
SHANXI_LON = (110.1, 114.7)
CONFIDENCES = ("HIGH", "MED", "LOW")
ROAD_KINDS = ("tourist_highway", "branch", "ring", "connector", "expressway", "national_road")


def inside_shanxi(lat: float, lon: float) -> bool:
    return SHANXI_LAT[0] <= lat <= SHANXI_LAT[1] and SHANXI_LON[0] <= lon <= SHANXI_LON[1]


def _number(record: dict, name: str, errors: list[tuple[str, str]]) -> float | None:
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append((name, _("must be a number")))
        return None
    return float(value)


def _missing(record: dict, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """Text fields that are absent or blank."""
    return [
        (name, _("is required")) for name in names if not isinstance(record.get(name), str) or not record[name].strip()
    ]


def point_errors(lat: object, lon: object) -> list[tuple[str, str]]:
    record = {"lat": lat, "lon": lon}
    errors: list[tuple[str, str]] = []
    la, lo = _number(record, "lat", errors), _number(record, "lon", errors)
    if la is not None and lo is not None and not inside_shanxi(la, lo):
        errors.append(("lat", _("(%(lat)s, %(lon)s) is outside Shanxi") % {"lat": la, "lon": lo}))
    return errors


def destination_errors(record: dict) -> list[tuple[str, str]]:
    """(field, message) for every problem of one destination record."""
    errors = _missing(record, ("slug", "name_en", "name_zh", "city", "source"))
    errors += point_errors(record.get("lat"), record.get("lon"))
    categories = record.get("categories", [])
    if not isinstance(categories, list):
        errors.append(("categories", _("must be a list of %(all)s") % {"all": ", ".join(INTERESTS)}))
    else:
        errors += [
            ("categories", _("%(given)r is not a category; use %(all)s") % {"given": c, "all": ", ".join(INTERESTS)})
            for c in categories
            if c not in INTERESTS
        ]
    weight = record.get("weight", 5)
    if not isinstance(weight, int) or not 1 <= weight <= 10:
        errors.append(("weight", _("must be an integer from 1 to 10")))
    minutes = record.get("visit_minutes", 60)
    if not isinstance(minutes, int) or not 0 < minutes <= 720:
        errors.append(("visit_minutes", _("must be an integer from 1 to 720")))
    errors += [("hours", message) for message in validate_hours(record.get("hours", []))]
    errors += fact_errors(record)
    if record.get("confidence", "MED") not in CONFIDENCES:
        errors.append(("confidence", _("must be one of %(all)s") % {"all": ", ".join(CONFIDENCES)}))
    return errors


def road_errors(record: dict, waypoints: dict) -> list[tuple[str, str]]:
    errors = _missing(record, ("slug", "name_en", "name_zh", "source"))
    if record.get("kind") not in ROAD_KINDS:
        errors.append(("kind", f"must be one of {', '.join(ROAD_KINDS)}"))
    via = record.get("via")
    if not isinstance(via, list) or len(via) < 2:
        errors.append(("via", "needs at least two waypoints"))
    else:
        errors += [("via", f"unknown waypoint {name!r}") for name in via if name not in waypoints]
    return errors


def route_errors(record: dict, slugs: set[str], lodgings: Set[str] = frozenset()) -> list[tuple[str, str]]:
    errors = _missing(record, ("slug", "name_en", "name_zh", "source"))
    if record.get("start") not in slugs:
        errors.append(("start", _("unknown place %(slug)r") % {"slug": record.get("start")}))
    if record.get("end") and record["end"] not in slugs:
        errors.append(("end", _("unknown place %(slug)r") % {"slug": record["end"]}))
    errors += promise_errors(record.get("promises"), slugs - lodgings, lodgings)
    errors += [("must", _("unknown place %(slug)r") % {"slug": s}) for s in record.get("must", []) if s not in slugs]
    if any(i not in INTERESTS for i in record.get("interests", [])):
        errors.append(("interests", f"must be among {', '.join(INTERESTS)}"))
    if not isinstance(record.get("days"), int) or not 1 <= record["days"] <= MAX_DAYS:
        errors.append(("days", _("must be 1 to %(max)d") % {"max": MAX_DAYS}))
    if record.get("mode", "car") not in MODES:
        errors.append(("mode", f"must be one of {', '.join(MODES)}"))
    if record.get("pace", "normal") not in PACES:
        errors.append(("pace", f"must be one of {', '.join(PACES)}"))
    return errors


def fact_errors(record: dict) -> list[tuple[str, str]]:
    """A stated fact needs a source or an `estimated` flag: opening hours, and a ticket price (0 = free)."""
    errors: list[tuple[str, str]] = []
    hours, hours_source = record.get("hours") or [], record.get("hours_source", "")
    if hours and not str(hours_source).strip() and not record.get("hours_estimated"):
        errors.append(("hours_source", _("opening hours need a source, or hours_estimated: true")))
    if not hours and record.get("hours_estimated"):
        errors.append(("hours_estimated", _("there are no hours to estimate: a place without hours is always open")))
    ticket_sourced = str(record.get("ticket_source", "")).strip() or record.get("ticket_estimated")
    if record.get("ticket_cny") is not None and not ticket_sourced:
        errors.append(("ticket_source", _("a ticket price (0 for free) needs a source, or ticket_estimated: true")))
    return errors

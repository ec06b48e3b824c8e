"""Writes to the catalogue: loading the seed files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models, transaction

from itineraries.catalogue.models import Area, Destination, Road, SeasonNote, ThemedRoute, TicketPass
from itineraries.catalogue.passes import pass_errors, pass_ticket_fields
from itineraries.catalogue.sources import sources_link
from itineraries.catalogue.validation import destination_errors, point_errors, road_errors, route_errors

SEED_FILES = (("towns.json", "town"), ("lodging.json", "lodging"), ("destinations.json", "sight"))


class SeedError(Exception):
    def __init__(self, file: str, record: str, field: str, message: str) -> None:
        super().__init__(f"{file}: record {record!r}: {field} {message}")
        self.file, self.record, self.field = file, record, field


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int


def _destination_fields(record: dict, kind: str, passes: dict[str, dict]) -> dict:
    lodging = kind == "lodging"
    ticket = passes.get(record.get("ticket_pass") or "")
    fields = {
        "kind": kind,
        "name_en": record["name_en"],
        "name_zh": record["name_zh"],
        "name_pinyin": record.get("name_pinyin", ""),
        "lat": round(float(record["lat"]), 4),
        "lon": round(float(record["lon"]), 4),
        "city": record["city"],
        "county": record.get("county", ""),
        "categories": record.get("categories", []),
        "weight": record.get("weight", 5),
        "visit_minutes": record.get("visit_minutes", 0 if kind != "sight" else 60) or 60,
        "opening_hours": record.get("hours", []),
        "hours_estimated": bool(record.get("hours_estimated", False)),
        "hours_source": record.get("hours_source", ""),
        "ticket_cny": record.get("ticket_cny"),
        "ticket_estimated": bool(record.get("ticket_estimated", False)),
        "ticket_source": record.get("ticket_source", ""),
        "lodging": lodging,
        "lodging_kind": record.get("lodging_kind", ""),
        "lodging_brand": record.get("lodging_brand", ""),
        "courtyard_series": record.get("courtyard_series", ""),
        "description_en": record.get("description_en", ""),
        "description_zh": record.get("description_zh", ""),
        "source": record["source"],
        "confidence": record.get("confidence", "MED"),
        "added": bool(record.get("added", False)),
        "ticket_pass": TicketPass.objects.get(slug=ticket["slug"]) if ticket else None,
    }
    if ticket:
        fields.update(pass_ticket_fields(ticket))
    return fields


def _load_passes(directory: Path, counts: dict[str, int]) -> dict[str, dict]:
    """Upsert passes.json (optional) and return its records by slug."""
    path = directory / "passes.json"
    records = _read(path) if path.exists() else []
    for n, record in enumerate(records, start=1):
        missing = [k for k in ("slug", "name_en", "name_zh", "price_cny", "source") if record.get(k) in (None, "")]
        if missing:
            raise SeedError("passes.json", record.get("slug") or f"#{n}", missing[0], "is required")
        fields = {
            "name_en": record["name_en"],
            "name_zh": record["name_zh"],
            "price_cny": int(record["price_cny"]),
            "valid_days": record.get("valid_days"),
            "opening_hours": record.get("hours", []),
            "hours_source": record.get("hours_source", ""),
            "source": record["source"],
            "estimated": bool(record.get("estimated", False)),
        }
        counts[_upsert(TicketPass, record["slug"], fields)] += 1
    return {r["slug"]: r for r in records}


def _load_areas(directory: Path, counts: dict[str, int]) -> None:
    """Upsert areas.json (optional) and point each member (a sight, or a lodging inside the area) at its area;
    a place no area lists has none."""
    path = directory / "areas.json"
    records = _read(path) if path.exists() else []
    kinds = set(Area.Kind.values)
    listed: set[str] = set()
    for n, record in enumerate(records, start=1):
        label = record.get("slug") or f"#{n}"
        missing = [k for k in ("slug", "name_en", "name_zh", "kind", "members", "source") if not record.get(k)]
        if missing:
            raise SeedError("areas.json", label, missing[0], "is required")
        if record["kind"] not in kinds:
            raise SeedError("areas.json", label, "kind", f"must be one of {sorted(kinds)}")
        members = list(record["members"])
        places = Destination.objects.filter(slug__in=members).exclude(kind=Destination.Kind.TOWN)
        known = set(places.values_list("slug", flat=True))
        for slug in members:
            if slug not in known:
                raise SeedError("areas.json", label, "members", f"names no sight or lodging: {slug!r}")
            if slug in listed:
                raise SeedError("areas.json", label, "members", f"{slug!r} is in another area too")
        listed |= set(members)
        fields = {k: record[k] for k in ("name_en", "name_zh", "kind", "source")}
        counts[_upsert(Area, record["slug"], fields)] += 1
        area = Area.objects.get(slug=record["slug"])
        for place in Destination.objects.filter(slug__in=members).exclude(area=area):
            place.area = area
            place.save(update_fields=["area", "updated_at"])  # a save: the catalogue version moves on
    for place in Destination.objects.filter(area__isnull=False).exclude(slug__in=listed):
        place.area = None
        place.save(update_fields=["area", "updated_at"])


def _upsert(model: type[models.Model], slug: str, fields: dict) -> str:
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        model.objects.create(slug=slug, **fields)
        return "created"
    if all(getattr(obj, k) == v for k, v in fields.items()):
        return "unchanged"
    for k, v in fields.items():
        setattr(obj, k, v)
    obj.save()
    return "updated"


def catalogue_load(*, directory: Path) -> LoadReport:
    """Idempotent upsert of every seed file in one transaction; the first bad record aborts it all."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        passes = _load_passes(directory, counts)
        for filename, kind in SEED_FILES:
            records = _read(directory / filename)
            for n, record in enumerate(records, start=1):
                label = record.get("slug") or f"#{n}" if isinstance(record, dict) else f"#{n}"
                if not isinstance(record, dict):
                    raise SeedError(filename, label, "record", "must be an object")
                for field, message in [*destination_errors(record), *pass_errors(record, passes)]:
                    raise SeedError(filename, label, field, message)
                counts[_upsert(Destination, record["slug"], _destination_fields(record, kind, passes))] += 1
        _load_areas(directory, counts)
        if (directory / "sources.json").exists():
            sources_link(sources=_read(directory / "sources.json"))
        data = _read(directory / "roads.json", expect=dict)
        waypoints = data.get("waypoints", {})
        for name, point in waypoints.items():
            for field, message in point_errors(point.get("lat"), point.get("lon")):
                raise SeedError("roads.json", f"waypoint {name}", field, message)
        for n, record in enumerate(data.get("roads", []), start=1):
            label = record.get("slug") or f"#{n}"
            for field, message in road_errors(record, waypoints):
                raise SeedError("roads.json", label, field, message)
            fields = {
                "name_en": record["name_en"],
                "name_zh": record["name_zh"],
                "kind": record["kind"],
                "via": record["via"],
                "points": [[waypoints[v]["lat"], waypoints[v]["lon"]] for v in record["via"]],
                "stated_km": record.get("stated_km"),
                "source": record["source"],
            }
            counts[_upsert(Road, record["slug"], fields)] += 1
        slugs = set(Destination.objects.values_list("slug", flat=True))
        lodgings = set(Destination.objects.filter(lodging=True).values_list("slug", flat=True))
        for n, record in enumerate(_read(directory / "routes.json"), start=1):
            label = record.get("slug") or f"#{n}"
            for field, message in route_errors(record, slugs, lodgings):
                raise SeedError("routes.json", label, field, message)
            fields = {k: record[k] for k in ("name_en", "name_zh", "start", "days", "must", "interests", "source")}
            fields.update(
                {
                    k: record.get(k, default)
                    for k, default in (
                        ("description_en", ""),
                        ("description_zh", ""),
                        ("mode", "car"),
                        ("pace", "normal"),
                        ("scenic", False),
                        ("end", ""),
                        ("promises", {}),
                    )
                }
            )
            counts[_upsert(ThemedRoute, record["slug"], fields)] += 1
        notes = _read(directory / "seasons.json")
        wanted = [(n["city"], n["months"], n["note_en"], n["note_zh"], n["source"]) for n in notes]
        have = [(n.city, n.months, n.note_en, n.note_zh, n.source) for n in SeasonNote.objects.order_by("id")]
        if wanted != have:
            SeasonNote.objects.all().delete()
            SeasonNote.objects.bulk_create(
                [SeasonNote(city=c, months=m, note_en=e, note_zh=z, source=src) for c, m, e, z, src in wanted]
            )
            counts["updated"] += len(wanted)
        else:
            counts["unchanged"] += len(wanted)
    return LoadReport(**counts)


def _read(path: Path, expect: type = list) -> Any:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SeedError(path.name, "-", "file", "is missing") from exc
    except json.JSONDecodeError as exc:
        raise SeedError(path.name, "-", "json", f"is not valid JSON: {exc}") from exc
    if not isinstance(data, expect):
        raise SeedError(path.name, "-", "file", f"must hold a JSON {expect.__name__}")
    return data

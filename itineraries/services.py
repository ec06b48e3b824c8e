"""Writes: loading the catalogue, creating and computing itineraries."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from itineraries import selectors
from itineraries.catalogue import destination_errors, point_errors, road_errors, route_errors
from itineraries.models import Destination, Itinerary, Road, SeasonNote, ThemedRoute
from itineraries.planning import PlanRequest
from itineraries.results import plan_to_result
from itineraries.routing import MaxIterations, MaxRuntime, NoImprovement, check, solve

log = logging.getLogger(__name__)

SEED_FILES = (("towns.json", "town"), ("lodging.json", "lodging"), ("destinations.json", "sight"))


class SeedError(Exception):
    def __init__(self, file: str, record: str, field: str, message: str) -> None:
        super().__init__(f"{file}: record {record!r}: {field} {message}")
        self.file, self.record, self.field = file, record, field


class PlanError(Exception):
    """A plan that cannot be made, with a message a tourist can read."""


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int


def _destination_fields(record: dict, kind: str) -> dict:
    lodging = kind == "lodging"
    return {
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
        "ticket_cny": record.get("ticket_cny"),
        "lodging": lodging,
        "lodging_kind": record.get("lodging_kind", ""),
        "description_en": record.get("description_en", ""),
        "description_zh": record.get("description_zh", ""),
        "source": record["source"],
        "confidence": record.get("confidence", "MED"),
        "added": bool(record.get("added", False)),
    }


def _upsert(model, slug: str, fields: dict) -> str:
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
        for filename, kind in SEED_FILES:
            records = _read(directory / filename)
            for n, record in enumerate(records, start=1):
                label = record.get("slug") or f"#{n}" if isinstance(record, dict) else f"#{n}"
                if not isinstance(record, dict):
                    raise SeedError(filename, label, "record", "must be an object")
                for field, message in destination_errors(record):
                    raise SeedError(filename, label, field, message)
                counts[_upsert(Destination, record["slug"], _destination_fields(record, kind))] += 1
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
        for n, record in enumerate(_read(directory / "routes.json"), start=1):
            label = record.get("slug") or f"#{n}"
            for field, message in route_errors(record, slugs):
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


def _read(path: Path, expect: type = list):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SeedError(path.name, "-", "file", "is missing") from exc
    except json.JSONDecodeError as exc:
        raise SeedError(path.name, "-", "json", f"is not valid JSON: {exc}") from exc
    if not isinstance(data, expect):
        raise SeedError(path.name, "-", "file", f"must hold a JSON {expect.__name__}")
    return data


# --- itineraries ------------------------------------------------------------------------------------


def itinerary_create(*, request: PlanRequest, owner=None) -> Itinerary:
    """Save the row first, then hand it to a worker once the transaction commits."""
    with transaction.atomic():
        itinerary = Itinerary.objects.create(request=request.to_json(), owner=owner)
        task_id = str(uuid.uuid4())
        Itinerary.objects.filter(pk=itinerary.pk).update(task_id=task_id)
        itinerary.task_id = task_id
        transaction.on_commit(lambda: itinerary_enqueue(itinerary_id=itinerary.pk, task_id=task_id))
    return itinerary


def itinerary_enqueue(*, itinerary_id, task_id: str) -> bool:
    """Send the compute task; a broker outage leaves the row queued for the sweeper."""
    from itineraries.tasks import dispatch

    try:
        dispatch(str(itinerary_id), task_id)
        return True
    except Exception:  # broker unreachable: the sweeper will retry
        log.warning("enqueue failed for %s; left queued for the sweeper", itinerary_id, exc_info=True)
        return False


def itinerary_claim(*, itinerary_id, stale_seconds: float) -> str | None:
    """Conditional UPDATE: only one attempt at a time owns a row. Returns the claim token."""
    token = uuid.uuid4().hex
    now = timezone.now()
    stale = now - timezone.timedelta(seconds=stale_seconds)
    claimed = Itinerary.objects.filter(
        Q(status=Itinerary.Status.QUEUED) | Q(status=Itinerary.Status.RUNNING, heartbeat_at__lt=stale),
        pk=itinerary_id,
    ).update(
        status=Itinerary.Status.RUNNING,
        claim=token,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        progress=1,
        error="",
    )
    return token if claimed else None


def plan_make(*, request: PlanRequest, solver_seconds: float, progress=None) -> dict:
    """Solve a request against the current catalogue and return the public result."""
    context = selectors.problem_for_request(request)
    plan = solve(
        context.problem,
        MaxRuntime(solver_seconds) | MaxIterations(context.iterations) | NoImprovement(context.stall),
        seed=request.seed,
        progress=progress,
        warm_start=context.warm_start,
    )
    violations = check(context.problem, plan)
    if violations:
        raise PlanError("the optimiser produced an infeasible plan: " + violations[0])
    return plan_to_result(plan, context)


def itinerary_compute(*, itinerary_id, token: str, solver_seconds: float) -> None:
    itinerary = Itinerary.objects.get(pk=itinerary_id)
    request = PlanRequest.from_json(itinerary.request)
    last = [0.0]

    def report(fraction: float, _plan) -> None:
        now = timezone.now().timestamp()
        if now - last[0] < 0.2 and fraction < 1.0:
            return
        last[0] = now
        Itinerary.objects.filter(pk=itinerary_id, claim=token).update(
            progress=max(1, min(99, int(fraction * 100))), heartbeat_at=timezone.now()
        )

    result = plan_make(request=request, solver_seconds=solver_seconds, progress=report)
    Itinerary.objects.filter(pk=itinerary_id, claim=token).update(
        status=Itinerary.Status.DONE, progress=100, result=result, finished_at=timezone.now(), error=""
    )


def itinerary_fail(*, itinerary_id, token: str | None, message: str) -> None:
    rows = Itinerary.objects.filter(pk=itinerary_id)
    if token:
        rows = rows.filter(claim=token)
    rows.update(status=Itinerary.Status.FAILED, error=message[:2000], finished_at=timezone.now())


def itinerary_rerun(*, itinerary: Itinerary) -> None:
    """An editor re-runs a plan: back to queued with a fresh task, attempts reset."""
    task_id = str(uuid.uuid4())
    Itinerary.objects.filter(pk=itinerary.pk).update(
        status=Itinerary.Status.QUEUED,
        progress=0,
        error="",
        claim="",
        attempts=0,
        task_id=task_id,
        heartbeat_at=timezone.now(),
        result=None,
        finished_at=None,
    )
    transaction.on_commit(lambda: itinerary_enqueue(itinerary_id=itinerary.pk, task_id=task_id))


def itinerary_replan(*, itinerary: Itinerary, pins: list[str], drops: list[str], owner=None) -> Itinerary:
    """A new itinerary from an old one: pinned places become must-sees, dropped ones are avoided."""
    request = PlanRequest.from_json(itinerary.request)
    previous = []
    if itinerary.result:
        previous = [[s["slug"] for s in day["stops"]] for day in itinerary.result.get("days", [])]
    updated = request.with_changes(pins=pins, drops=drops, previous=previous)
    return itinerary_create(request=updated, owner=owner or itinerary.owner)


def itinerary_requeue_stale(*, queued_seconds: float, running_seconds: float, max_attempts: int = 5) -> int:
    """The sweeper: re-send rows that no worker has touched for a while."""
    now = timezone.now()
    count = 0
    stale = Itinerary.objects.filter(
        Q(status=Itinerary.Status.QUEUED, heartbeat_at__lt=now - timezone.timedelta(seconds=queued_seconds))
        | Q(status=Itinerary.Status.RUNNING, heartbeat_at__lt=now - timezone.timedelta(seconds=running_seconds))
    )
    for row in stale.only("id", "attempts", "status", "heartbeat_at"):
        if row.attempts >= max_attempts:
            itinerary_fail(
                itinerary_id=row.id,
                token=None,
                message="The plan could not be computed after several attempts; please try again.",
            )
            continue
        task_id = str(uuid.uuid4())
        # Back to queued with no owner: a slow earlier attempt can no longer write its result.
        touched = Itinerary.objects.filter(pk=row.id, status=row.status, heartbeat_at=row.heartbeat_at).update(
            status=Itinerary.Status.QUEUED, claim="", task_id=task_id, heartbeat_at=now
        )
        if touched and itinerary_enqueue(itinerary_id=row.id, task_id=task_id):
            count += 1
    return count

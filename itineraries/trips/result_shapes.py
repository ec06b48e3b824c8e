"""Every shape a result was ever stored in, and how each is brought to the next (read from the git history of
trips/results.py). A row stored since the typed result carries ``schema_version``; an older row has none, and
its version is told from the fields it has (a row told older than it is only runs steps that change nothing).
What each version added, and what an older row reads as (the field's default on TripResult, unless said):

1  2026-11-24  the first plans
2  2026-11-24  + day ``season_note`` (default null: no note)
3  2026-12-01  + ``advice`` (default []), ``changes`` (null: not a re-plan) and ``drive_cap_minutes`` on the
               trip and each day (not recorded, so left unknown: absent on the wire, as it always was)
4  2026-12-01  + day ``lunch`` (null: those plans kept no lunch hour)
5  2026-12-01  + stop ``hours_estimated`` and ``ticket_estimated`` (false: no warning, as those plans showed)
6  2026-12-04  + day ``sunset`` (computed from the night's place and the date, as the planner does)
7  2026-12-04  + lunch ``before`` (null: lunch was never taken on arrival then)
8  2026-12-04  + leg ``on_foot`` (false: nothing was walked then)
9  2026-12-04  + day ``rest`` (false: no rest days then)
10 2026-12-06  advice, problems and missing-place reasons as codes with parameters, worded at the edge; an
               older row's words are kept as they were stored (``said``, code ``stored`` where it had none),
               its English-only missing-place reasons in both languages' places

A hand-edited plan (``edited``) also carries ``violations``, day ``problems`` and stop ``problem`` (defaults: none),
and a copied trip's first row had no ``changes`` at all until the typed result (default: null).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from itineraries.trips.request import sun_times
from itineraries.trips.trip_result import SCHEMA_VERSION, STORED, moment

Row = dict[str, Any]


def _to_6(row: Row) -> None:
    """Sunset at each night's place, as the planner computes it."""
    row["days"] = [day if "sunset" in day else {**day, "sunset": _sunset(day)} for day in row.get("days", [])]


def _sunset(day: Row) -> str:
    date, night = dt.date.fromisoformat(day["date"]), day["end"]
    return moment(date, sun_times(date, night["lat"], night["lon"])[1]).isoformat()


def _said(item: Row, *, code: str = STORED) -> Row:
    """An item worded in the row: its words kept as ``said``, its code kept (or ``stored``), no parameters."""
    kept = {k: v for k, v in item.items() if k not in ("en", "zh", "reason")}
    words = {"en": item["reason"], "zh": item["reason"]} if "reason" in item else {"en": item["en"], "zh": item["zh"]}
    return {"code": code, **kept, "params": {}, "said": words}


def _to_10(row: Row) -> None:
    """Words stored in the row become ``said``: the edge shows them as they were."""
    row["advice"] = [_said(a, code=a["code"]) for a in row.get("advice", [])]
    row["missing_must"] = [_said(m) for m in row.get("missing_must", [])]
    days = []
    for day in row.get("days", []):
        day = {**day, "stops": [{**s, "problem": _said(s["problem"])} if s.get("problem") else s for s in day["stops"]]}
        if day.get("problems"):
            day["problems"] = [_said(p) for p in day["problems"]]
        days.append(day)
    row["days"] = days


# The steps that need more than the field's default on TripResult (a default fills an absent field by itself).
UPGRADES: dict[int, Callable[[Row], None]] = {6: _to_6, 10: _to_10}


def version_of(row: Mapping[str, Any]) -> int:
    """The shape a row was stored in: its own word, or (untagged) the newest version whose field it has."""
    if "schema_version" in row:
        return int(row["schema_version"])
    days: list[Row] = row.get("days") or []
    day: Row = next(iter(days), {})
    stop: Row = next((s for d in days for s in d["stops"]), {})
    lunch = next((d["lunch"] for d in days if d.get("lunch")), None)
    if "rest" in day:
        return 9
    if any("on_foot" in leg for d in days for leg in d["legs"]):
        return 8
    if lunch is not None and "before" in lunch:
        return 7
    if "sunset" in day:
        return 6
    if "hours_estimated" in stop:
        return 5
    if "lunch" in day:
        return 4
    if "advice" in row:
        return 3
    if "season_note" in day:
        return 2
    return 1


def upgraded(stored: Mapping[str, Any]) -> Row:
    """``stored`` in the current shape; a step copies what it changes, so the stored row is left as it was."""
    row: Row = dict(stored)
    for version in range(version_of(row) + 1, SCHEMA_VERSION + 1):
        if version in UPGRADES:
            UPGRADES[version](row)
    row.pop("schema_version", None)
    return row

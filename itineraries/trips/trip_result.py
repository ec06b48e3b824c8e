"""A finished plan as typed, frozen values: what the engine's plan becomes for tourists, clients and exports.

``TripResult.from_stored`` reads a row's JSON in any shape it was ever stored in (``result_shapes.py`` upgrades
it); ``to_stored`` writes what a row keeps. Advice, problems and missing-place reasons are codes with parameters:
the edges word them in English or Chinese (``trips/wording.py``), which also writes the public wire shape
(docs/design.md, the OpenAPI schema, derived from these types in ``api/result_schema.py``). Field metadata carries
the schema's words: ``help``, ``slug`` (a place's slug), ``choices`` and ``optional`` (may be absent on the wire).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from itineraries.catalogue.choices import INTERESTS, MODES

SCHEMA_VERSION = 10  # result_shapes.py says what each version added
SHANGHAI = ZoneInfo("Asia/Shanghai")

# What each advice code means, for the API schema.
ADVICE_CODES = {
    "free_day": "nothing worth the drive is left",
    "nothing_open": "every place is closed that day",
    "out_of_reach": "the nearest place is over the day's driving cap",
    "thin": "fewer stops than days",
    "interests_short": "too few places match the interests; the region's best fill the other days",
    "route_promise": "the themed route promises something this plan could not keep on these dates",
}


def moment(date: dt.date, minutes: float) -> dt.datetime:
    """A minute of the engine's day (minutes after midnight) as an Asia/Shanghai date-time."""
    return dt.datetime.combine(date, dt.time(0), tzinfo=SHANGHAI) + dt.timedelta(minutes=round(minutes))


def doc(help: str = "", *, slug: bool = False, choices: tuple[str, ...] = (), optional: bool = False) -> dict[str, Any]:
    """A field's metadata: the words the schema publishes."""
    return {"help": help, "slug": slug, "choices": choices, "optional": optional}


@dataclass(frozen=True, kw_only=True)
class Place:
    slug: str = field(metadata=doc(slug=True))
    name_en: str
    name_zh: str
    lat: float = field(metadata=doc("WGS-84"))
    lon: float = field(metadata=doc("WGS-84"))


STORED = "stored"  # the code of a problem or reason a row stored as words only (schema 9 and older)
Param = str | int | float
Params = Mapping[str, Param]


@dataclass(frozen=True, kw_only=True)
class Said:
    """Words a row stored before results carried codes (schema 9 and older): shown as they were stored."""

    en: str
    zh: str


@dataclass(frozen=True, kw_only=True)
class Problem:
    """A rule a hand-edited visit or day breaks: a code and what the sentence needs (trips/wording.py words it)."""

    code: str
    params: Params = field(default_factory=dict)
    said: Said | None = None


@dataclass(frozen=True, kw_only=True)
class DayProblem(Problem):
    slug: str | None = field(metadata=doc("the stop it concerns; null for the whole day", slug=True))


@dataclass(frozen=True, kw_only=True)
class Stop(Place):
    arrive: dt.datetime = field(metadata=doc("Asia/Shanghai"))
    start: dt.datetime = field(metadata=doc("visit starts (after waiting for the opening, if any)"))
    depart: dt.datetime
    wait_minutes: int
    visit_minutes: int
    opening: str = field(metadata=doc("opening hours that day, e.g. 08:30-17:30; 00:00-24:00 open access"))
    hours_estimated: bool = field(
        default=False,
        metadata=doc(
            "the hours are not confirmed: check before you go (absent in plans made before v1.2)", optional=True
        ),
    )
    categories: tuple[str, ...] = field(metadata=doc(choices=INTERESTS))
    ticket_cny: int | None = field(metadata=doc("adult ticket in yuan; 0 free, null unknown"))
    ticket_estimated: bool = field(
        default=False, metadata=doc("the price is not confirmed (absent in plans made before v1.2)", optional=True)
    )
    score: float
    problem: Problem | None = field(
        default=None, metadata=doc("in a hand-edited plan: the rule this visit breaks, if any", optional=True)
    )


@dataclass(frozen=True, kw_only=True)
class Leg:
    from_: str = field(metadata=doc("slug of the place left", slug=True))
    to: str = field(metadata=doc(slug=True))
    km: float
    minutes: int
    path: tuple[tuple[float, float], ...] = field(
        metadata=doc("the road geometry as [lat, lon] pairs (WGS-84), in driving order; empty for a zero-length leg")
    )
    on_foot: bool = field(
        default=False,
        metadata=doc("walked: the places are under 1.5 km apart (absent in plans made before 1.4)", optional=True),
    )


@dataclass(frozen=True, kw_only=True)
class SeasonNote:
    en: str
    zh: str


@dataclass(frozen=True, kw_only=True)
class Lunch:
    start: dt.datetime = field(metadata=doc("between 11:30 and 13:30"))
    end: dt.datetime
    after: str = field(metadata=doc("the visit lunch follows, or is inside of", slug=True))
    before: str | None = field(
        default=None,
        metadata=doc(
            "when lunch is taken on arrival at this visit, after the drive from `after` (null otherwise)",
            optional=True,
            slug=True,
        ),
    )
    inside: bool = field(metadata=doc("eaten inside a long visit (a town or scenic area)"))


@dataclass(frozen=True, kw_only=True)
class Day:
    date: dt.date
    start: Place = field(metadata=doc("where the day begins"))
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...] = field(metadata=doc("one more than the stops: start -> stops -> night"))
    lodging: Place | None = field(metadata=doc("where to sleep; null on the last day"))
    end: Place = field(metadata=doc("where the day ends: the lodging, or the trip's end"))
    drive_km: float
    drive_minutes: int
    # None only in rows stored before the cap was recorded (result_shapes.py); left off the wire then.
    drive_cap_minutes: int | None = field(default=None, metadata=doc("the most minutes at the wheel (or riding) a day"))
    lunch: Lunch | None = field(default=None, metadata=doc("on days with visits before and after midday"))
    day_start: dt.datetime
    day_end: dt.datetime = field(metadata=doc("arrival at the night's lodging or the trip's end"))
    sunset: dt.datetime = field(
        metadata=doc("sunset at the night's lodging or the trip's end (absent in plans made before 1.4)", optional=True)
    )
    season_note: SeasonNote | None = field(default=None, metadata=doc())
    rest: bool = field(default=False, metadata=doc("a rest day the tourist asked for: no driving", optional=True))
    problems: tuple[DayProblem, ...] = field(
        default=(), metadata=doc("in a hand-edited plan: what the day breaks (hours, cap, end, lunch)", optional=True)
    )

    @property
    def places(self) -> dict[str, Place]:
        """Every place of the day by slug: start, night and stops."""
        return {self.start.slug: self.start, self.end.slug: self.end, **{s.slug: s for s in self.stops}}


@dataclass(frozen=True, kw_only=True)
class MissingMust:
    slug: str = field(metadata=doc(slug=True))
    code: str
    params: Params = field(default_factory=dict)
    said: Said | None = None


@dataclass(frozen=True, kw_only=True)
class Solver:
    iterations: int
    seconds: float


@dataclass(frozen=True, kw_only=True)
class Advice:
    code: str = field(metadata=doc(choices=tuple(ADVICE_CODES)))
    day: int | None = field(metadata=doc("1-based; null for advice about the whole trip"))
    params: Params = field(default_factory=dict)
    said: Said | None = None


@dataclass(frozen=True, kw_only=True)
class Changes:
    kept: tuple[str, ...] = field(metadata=doc("on the same day as before", slug=True))
    moved: tuple[str, ...] = field(metadata=doc("on another day than before", slug=True))
    added: tuple[str, ...] = field(metadata=doc(slug=True))
    removed: tuple[str, ...] = field(metadata=doc(slug=True))


@dataclass(frozen=True, kw_only=True)
class TripResult:
    days: tuple[Day, ...]
    score: float
    total_km: float
    total_drive_minutes: int
    mode: str = field(metadata=doc(choices=MODES))
    missing_must: tuple[MissingMust, ...] = field(metadata=doc("must-see places the plan could not fit, and why"))
    solver: Solver
    drive_cap_minutes: int | None = field(default=None, metadata=doc("the most minutes at the wheel (or riding) a day"))
    advice: tuple[Advice, ...] = field(
        default=(), metadata=doc("why a day is free or the plan is thin, and what would help")
    )
    changes: Changes | None = field(default=None, metadata=doc("a re-plan's differences from the plan it came from"))
    edited: bool = field(default=False, metadata=doc("true when the days were arranged by hand", optional=True))
    violations: tuple[str, ...] = field(
        default=(), metadata=doc("in a hand-edited plan: the engine checker's findings", optional=True)
    )

    @property
    def stops(self) -> Iterator[Stop]:
        return (stop for day in self.days for stop in day.stops)

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> TripResult:
        """A row's result in any stored shape, upgraded to this one."""
        from itineraries.trips.result_shapes import upgraded

        result: TripResult = read(cls, upgraded(data))
        return result

    def to_stored(self) -> dict[str, Any]:
        """What a row keeps: the plan with codes and their parameters (never words), and the shape's version.
        The wire shape clients read is made from it at the edge (trips/wording.py)."""
        out = _write(self, edited=self.edited)
        assert isinstance(out, dict)
        return {**out, "schema_version": SCHEMA_VERSION}


EDITED_ONLY = frozenset({(TripResult, "edited"), (TripResult, "violations"), (Day, "problems"), (Stop, "problem")})


def dataclass_fields(kind: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(kind)}


def wire_name(name: str) -> str:
    return name.removesuffix("_")  # "from_" is "from" on the wire


def _write(value: Any, *, edited: bool) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if (type(value), f.name) in EDITED_ONLY and not edited:
                continue
            if f.name == "drive_cap_minutes" and item is None:
                continue  # an old row that never recorded its cap: absent, as it always was
            if f.name == "said" and item is None:
                continue  # words are kept only for rows stored before codes
            out[wire_name(f.name)] = _write(item, edited=edited)
        return out
    if isinstance(value, tuple | list):
        return [_write(item, edited=edited) for item in value]
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    return value


def read(kind: Any, data: Any) -> Any:
    """``data`` as the type ``kind``: dataclasses by field, tuples item by item, date-times parsed; other values
    are kept exactly as stored (no float or int coercion), so that ``to_stored`` gives the stored JSON back."""
    if data is None:
        return None
    if isinstance(kind, types.UnionType):
        (kind,) = [k for k in typing.get_args(kind) if k is not type(None)]
        return read(kind, data)
    if typing.get_origin(kind) is tuple:
        inner = typing.get_args(kind)[0]
        return tuple(read(inner, item) for item in data)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(data)
    if kind is dt.date:
        return dt.date.fromisoformat(data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        given = {
            f.name: read(hints[f.name], data[wire_name(f.name)])
            for f in dataclasses.fields(kind)
            if wire_name(f.name) in data
        }
        return kind(**given)
    return data


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(kind: type) -> dict[str, Any]:
    if kind not in _HINTS:
        _HINTS[kind] = typing.get_type_hints(kind)
    return _HINTS[kind]

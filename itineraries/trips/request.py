"""What a tourist asks for, as an immutable value, and the trip's days (windows, daylight, limits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from astral import Observer
from astral.sun import sun

# (day start, latest arrival at the night's lodging) in minutes, by pace
PACE_WINDOWS = {"relaxed": (9 * 60, 18 * 60 + 30), "normal": (8 * 60 + 30, 19 * 60 + 30), "packed": (8 * 60, 21 * 60)}
# Minutes at the wheel (or riding) a tourist accepts per day, by mode and pace: no plan exceeds them.
MOVING_LIMITS = {
    "car": {"relaxed": 150, "normal": 240, "packed": 330},
    "ebike": {"relaxed": 120, "normal": 180, "packed": 240},
    "bicycle": {"relaxed": 120, "normal": 180, "packed": 240},
}
MAX_DRIVE_HOURS = 12.0
# A short trip by car stays near where it starts: its places lie within this many road km of the start,
# the end or a must-see, and no leg is longer than MAX_LEG_KM unless it reaches a place the tourist named.
# Why these numbers: docs/optimiser.md ("Reach").
SHORT_TRIP_DAYS = 3
SHORT_TRIP_REACH_KM = {3: 130.0, 5: 220.0}  # trips of at most this many days
MAX_LEG_KM = 200.0
SHORT_TRIP_DAY_KM = 250.0  # a short round trip by car drives at most this much a day on average
# Minutes after sunset (at the start town) by which the day reaches its night's lodging. Riders stop at
# sunset; drivers may end a few minutes later, as sunset moves by a few minutes across the province and a
# last short drive in the dusk is fine. No one drives on after dark.
AFTER_SUNSET = {"car": 10, "ebike": 0, "bicycle": 0}
BEIJING = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class PlanRequest:
    start: str
    days: int
    date: dt.date
    interests: tuple[str, ...] = ()
    pace: str = "normal"
    mode: str = "car"
    must: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    end: str | None = None
    scenic: bool = False
    seed: int = 0
    route: str | None = None
    max_drive_hours: float | None = None  # lowers the pace's daily cap
    rest_days: tuple[int, ...] = ()  # 1-based days spent at the night's base: no driving, no visits
    keep_days: tuple[int, ...] = ()  # 1-based days of the previous plan that stay exactly as they were
    previous: tuple[tuple[str, ...], ...] = field(default=())
    previous_nights: tuple[str, ...] = ()  # where each day of the previous plan ended
    as_given: bool = False  # the tourist arranged the days by hand: time them as they are, optimise nothing
    reorder_day: int | None = None  # 1-based: re-order this day of the previous plan, keep the others

    @property
    def drive_cap(self) -> float:
        """Minutes on the road allowed per day."""
        cap = float(MOVING_LIMITS[self.mode][self.pace])
        return cap if self.max_drive_hours is None else min(cap, self.max_drive_hours * 60)

    @property
    def reach_km(self) -> float | None:
        """How far from the start, the end or a must-see a car trip of this length looks for places."""
        if self.mode != "car":
            return None  # riders' caps keep them near
        return next((km for days, km in sorted(SHORT_TRIP_REACH_KM.items()) if self.days <= days), None)

    @property
    def leg_limit_km(self) -> float | None:
        return MAX_LEG_KM if self.mode == "car" and self.days <= SHORT_TRIP_DAYS else None

    @property
    def km_budget(self) -> float | None:
        """Road km a short round trip by car may drive in all; None where the tourist named a far place to
        reach (a must-see or another end) or the trip is longer."""
        if self.mode != "car" or self.days > SHORT_TRIP_DAYS or self.must or self.end or self.as_given:
            return None
        return SHORT_TRIP_DAY_KM * self.days

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["interests"], data["must"], data["avoid"] = list(self.interests), list(self.must), list(self.avoid)
        data["previous"] = [list(day) for day in self.previous]
        data["keep_days"], data["previous_nights"] = list(self.keep_days), list(self.previous_nights)
        # Only a hand edit or a one-day optimisation says so: other requests keep their stored shape.
        if not self.as_given:
            del data["as_given"]
        if self.reorder_day is None:
            del data["reorder_day"]
        data["rest_days"] = list(self.rest_days)
        if not self.rest_days:  # plans without rest days keep their stored shape
            del data["rest_days"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanRequest:
        return cls(
            start=data["start"],
            days=int(data["days"]),
            date=dt.date.fromisoformat(data["date"]),
            interests=tuple(data.get("interests", ())),
            pace=data.get("pace", "normal"),
            mode=data.get("mode", "car"),
            must=tuple(data.get("must", ())),
            avoid=tuple(data.get("avoid", ())),
            end=data.get("end"),
            scenic=bool(data.get("scenic", False)),
            seed=int(data.get("seed", 0)),
            route=data.get("route"),
            max_drive_hours=data.get("max_drive_hours"),
            rest_days=tuple(data.get("rest_days", ())),
            keep_days=tuple(data.get("keep_days", ())),
            previous=tuple(tuple(d) for d in data.get("previous", ())),
            previous_nights=tuple(data.get("previous_nights", ())),
            as_given=bool(data.get("as_given", False)),
            reorder_day=data.get("reorder_day"),
        )

    def with_changes(
        self,
        *,
        pins: list[str],
        drops: list[str],
        previous: list[list[str]],
        nights: list[str],
        keep_days: tuple[int, ...] = (),
    ) -> PlanRequest:
        must = tuple(dict.fromkeys([*[m for m in self.must if m not in drops], *pins]))
        avoid = tuple(dict.fromkeys([*[a for a in self.avoid if a not in pins], *drops]))
        return replace(
            self,
            must=must,
            avoid=avoid,
            previous=tuple(tuple(d) for d in previous),
            previous_nights=tuple(nights),
            keep_days=keep_days,
        )

    @property
    def dates(self) -> list[dt.date]:
        return [self.date + dt.timedelta(days=i) for i in range(self.days)]


@lru_cache(maxsize=4096)
def sun_times(date: dt.date, lat: float, lon: float) -> tuple[int, int]:
    """Sunrise and sunset in minutes of Beijing time at a place (astral's solar model)."""
    times = sun(Observer(latitude=lat, longitude=lon), date=date, tzinfo=BEIJING)
    return _minutes(times["sunrise"]), _minutes(times["sunset"])


def _minutes(moment: dt.datetime) -> int:
    return round(moment.hour * 60 + moment.minute + moment.second / 60)


def day_window(date: dt.date, pace: str, mode: str, lat: float = 36.5, lon: float = 112.5) -> tuple[int, int]:
    start, end = PACE_WINDOWS[pace]
    sunrise, sunset = sun_times(date, lat, lon)
    return max(start, sunrise), min(end, sunset + AFTER_SUNSET[mode])

"""Opening hours as stored in the catalogue: a list of seasons, each with days and one daily window.

    [{"from": "04-01", "to": "10-31", "days": "daily", "open": "08:00", "close": "18:30"},
     {"from": "11-01", "to": "03-31", "days": ["tue", "wed"], "open": "08:30", "close": "17:00"},
     {"from": "12-01", "to": "02-28", "closed": true}]

A season may wrap over the new year. A weekday not listed in the season that covers a date is closed.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
_MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$")


def minutes_of(text: str) -> int:
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time HH:MM")
    value = int(match.group(1)) * 60 + int(match.group(2))
    if value > 24 * 60:
        raise ValueError(f"{text!r} is after 24:00")
    return value


def _day_of_year(text: str) -> int:
    match = _MONTH_DAY.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a month-day MM-DD")
    month, day = int(match.group(1)), int(match.group(2))
    # 2024 is a leap year, so 02-29 is accepted.
    return dt.date(2024, month, day).timetuple().tm_yday


def _season_days(season: dict) -> set[int]:
    start, end = _day_of_year(season.get("from", "01-01")), _day_of_year(season.get("to", "12-31"))
    if start <= end:
        return set(range(start, end + 1))
    return set(range(start, 367)) | set(range(1, end + 1))


def validate_hours(hours: object) -> list[str]:
    """Human-readable problems with an opening-hours value; empty when valid."""
    if hours in (None, []):
        return []
    if not isinstance(hours, list):
        return ["must be a list of seasons"]
    errors: list[str] = []
    covered: set[int] = set()
    for n, season in enumerate(hours, start=1):
        if not isinstance(season, dict):
            errors.append(f"season {n} must be an object")
            continue
        try:
            days = _season_days(season)
        except ValueError as exc:
            errors.append(f"season {n}: {exc}")
            continue
        if covered & days:
            errors.append(f"season {n} overlaps an earlier season")
        covered |= days
        if season.get("closed"):
            continue
        weekdays = season.get("days", "daily")
        if weekdays != "daily" and (not isinstance(weekdays, list) or any(w not in WEEKDAYS for w in weekdays)):
            errors.append(f"season {n}: days must be 'daily' or a list of {', '.join(WEEKDAYS)}")
        try:
            if minutes_of(season.get("close", "")) <= minutes_of(season.get("open", "")):
                errors.append(f"season {n}: close must be after open")
        except ValueError as exc:
            errors.append(f"season {n}: {exc}")
    return errors


def season_for(hours: list[dict] | None, date: dt.date) -> dict | None:
    day = date.replace(year=2024).timetuple().tm_yday if not (date.month == 2 and date.day == 29) else 60
    for season in hours or []:
        if day in _season_days(season):
            return season
    return None


def window_on(hours: list[dict] | None, date: dt.date) -> tuple[int, int] | None:
    """(open, close) in minutes of the day for a date; None when closed. No hours at all: daylight."""
    if not hours:
        return (8 * 60, 18 * 60)
    season = season_for(hours, date)
    if season is None or season.get("closed"):
        return None
    weekdays = season.get("days", "daily")
    if weekdays != "daily" and WEEKDAYS[date.weekday()] not in weekdays:
        return None
    return minutes_of(season["open"]), minutes_of(season["close"])


def format_window(window: tuple[int, int] | None) -> str:
    if window is None:
        return "closed"
    return "{:02d}:{:02d}-{:02d}:{:02d}".format(*divmod(window[0], 60), *divmod(window[1], 60))

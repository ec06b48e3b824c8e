"""Opening hours as stored in the catalogue: a list of seasons, each with days and one daily window (see EXAMPLE).

A season may wrap over the new year. A weekday not listed in the season that covers a date is closed, and so is
a date that no season covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.utils.translation import gettext as _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
_MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$")
EXAMPLE = [
    {"from": "04-01", "to": "10-31", "days": "daily", "open": "08:00", "close": "18:30"},
    {
        "from": "11-01",
        "to": "11-30",
        "days": ["tue", "wed", "thu", "fri", "sat", "sun"],
        "open": "08:30",
        "close": "17:00",
    },
    {"from": "12-01", "to": "02-29", "closed": True},
    {"from": "03-01", "to": "03-31", "days": "daily", "open": "08:30", "close": "17:00"},
]


def minutes_of(text: str) -> int:
    match = _TIME.match(text)
    if not match:
        raise ValueError(_("%(text)r is not a time HH:MM") % {"text": text})
    value = int(match.group(1)) * 60 + int(match.group(2))
    if value > 24 * 60:
        raise ValueError(_("%(text)r is after 24:00") % {"text": text})
    return value


def _day_of_year(text: str) -> int:
    match = _MONTH_DAY.match(text or "")
    if not match:
        raise ValueError(_("%(text)r is not a month-day MM-DD") % {"text": text})
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(_("%(text)s: the month must be 01 to 12") % {"text": text})
    # 2024 is a leap year, so 02-29 is accepted.
    last = calendar.monthrange(2024, month)[1]
    if not 1 <= day <= last:
        raise ValueError(_("%(text)s: the day must be 01 to %(last)02d") % {"text": text, "last": last})
    return dt.date(2024, month, day).timetuple().tm_yday


def _season_days(season: dict) -> set[int]:
    start, end = _day_of_year(season.get("from", "01-01")), _day_of_year(season.get("to", "12-31"))
    if start <= end:
        return set(range(start, end + 1))
    return set(range(start, 367)) | set(range(1, end + 1))


def _month_day(day_of_year: int) -> str:
    return (dt.date(2024, 1, 1) + dt.timedelta(days=day_of_year - 1)).strftime("%m-%d")


def _ranges(days: set[int]) -> list[str]:
    """Days of the (leap) year as 'MM-DD to MM-DD' runs, a run over the new year kept whole."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][1] + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    if len(runs) > 1 and runs[0][0] == 1 and runs[-1][1] == 366:
        runs[0][0] = runs.pop()[0]
    return [
        _("%(a)s to %(b)s") % {"a": _month_day(a), "b": _month_day(b)} if a != b else _month_day(a) for a, b in runs
    ]


def hours_problems(hours: object) -> list[tuple[int | None, str]]:
    """(season number or None for the whole value, message) for every problem; empty when valid."""
    if hours in (None, []):
        return []
    if not isinstance(hours, list):
        return [(None, _("must be a list of seasons"))]
    errors: list[tuple[int | None, str]] = []
    covered: dict[int, int] = {}
    for n, season in enumerate(hours, start=1):
        if not isinstance(season, dict):
            errors.append((n, _("must be an object")))
            continue
        try:
            days = _season_days(season)
        except ValueError as exc:
            errors.append((n, str(exc)))
            continue
        clash = {day: other for day, other in covered.items() if day in days}
        for other in sorted(set(clash.values())):
            shared = _ranges({day for day, o in clash.items() if o == other})
            errors.append(
                (n, _("overlaps season %(other)s on %(dates)s") % {"other": other, "dates": ", ".join(shared)})
            )
        covered.update({day: n for day in days if day not in covered})
        if season.get("closed"):
            continue
        weekdays = season.get("days", "daily")
        if weekdays != "daily" and (
            not isinstance(weekdays, list) or not weekdays or any(w not in WEEKDAYS for w in weekdays)
        ):
            errors.append(
                (
                    n,
                    _("days must be 'daily' or some of %(all)s, not %(given)r")
                    % {"all": ", ".join(WEEKDAYS), "given": weekdays},
                )
            )
        opens, closes = season.get("open", ""), season.get("close", "")
        try:
            if minutes_of(closes) <= minutes_of(opens):
                errors.append((n, _("close %(close)s must be after open %(open)s") % {"close": closes, "open": opens}))
        except ValueError as exc:
            errors.append((n, str(exc)))
    return errors


def validate_hours(hours: object) -> list[str]:
    """Human-readable problems with an opening-hours value; empty when valid."""
    return [_("season %(n)s: %(problem)s") % {"n": n, "problem": m} if n else m for n, m in hours_problems(hours)]


def closed_periods(hours: list[dict] | None) -> list[str]:
    """The parts of the year when valid hours leave the place shut all week, as 'MM-DD to MM-DD' runs."""
    if not hours:
        return []
    open_days: set[int] = set()
    for season in hours:
        if not season.get("closed") and season.get("days", "daily"):
            open_days |= _season_days(season)
    return _ranges(set(range(1, 367)) - open_days)


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

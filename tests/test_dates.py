"""The tests' trip dates (tests/dates.py): the month, day and weekday asked for, and in the future, on any day."""

import calendar
import datetime as dt

import pytest
from django.utils import timezone

from itineraries.trips.validation import PlanInput, plan_request_build
from tests.dates import MARGIN, upcoming

D = dt.date
ANCHORS = [(1, 1), (1, 12), (2, 28), (3, 1), (5, 4), (7, 10), (12, 26), (12, 31)]


@pytest.mark.parametrize(
    ("today", "month", "day", "weekday", "expected"),
    [
        (D(2026, 12, 4), 5, 4, calendar.TUESDAY, D(2027, 5, 4)),  # May 4 2027 is a Tuesday
        (D(2026, 12, 4), 1, 12, calendar.TUESDAY, D(2027, 1, 12)),
        (D(2026, 12, 4), 11, 1, calendar.MONDAY, D(2027, 11, 1)),
        (D(2026, 12, 4), 12, 29, calendar.SUNDAY, D(2027, 1, 3)),  # the weekday is found in the next year
        (D(2026, 12, 31), 1, 2, calendar.TUESDAY, D(2027, 1, 5)),  # January 2 is exactly two days ahead
        (D(2026, 12, 31), 1, 1, calendar.TUESDAY, D(2028, 1, 4)),  # January 1 is too near: the year after
        (D(2027, 5, 2), 5, 4, calendar.TUESDAY, D(2027, 5, 4)),
        (D(2027, 5, 3), 5, 4, calendar.TUESDAY, D(2028, 5, 9)),
        (D(2028, 2, 28), 3, 1, calendar.TUESDAY, D(2028, 3, 7)),  # a leap year: March 1 is two days ahead
        (D(2027, 2, 28), 3, 1, calendar.TUESDAY, D(2028, 3, 7)),  # not a leap year: one day ahead, too near
        (D(2028, 2, 29), 3, 2, calendar.TUESDAY, D(2028, 3, 7)),
        (D(2028, 2, 29), 3, 1, calendar.TUESDAY, D(2029, 3, 6)),
        (D(2028, 2, 29), 2, 28, calendar.WEDNESDAY, D(2029, 2, 28)),
    ],
)
def test_known_days(today, month, day, weekday, expected):
    assert upcoming(month, day, weekday, today=today) == expected


def test_tuesday_is_the_default():
    assert upcoming(5, 4, today=D(2026, 12, 4)) == upcoming(5, 4, calendar.TUESDAY, today=D(2026, 12, 4))


@pytest.mark.parametrize("weekday", range(7))
def test_on_every_day_of_four_years_the_season_weekday_and_future_hold(weekday):
    """Every today from 2026 to 2029 (a leap day and four New Year's Eves among them)."""
    for offset in range((D(2030, 1, 1) - D(2026, 1, 1)).days):
        today = D(2026, 1, 1) + dt.timedelta(days=offset)
        for month, day in ANCHORS:
            date = upcoming(month, day, weekday, today=today)
            first = D(date.year, month, day)
            if first > date:  # the weekday fell in the next January
                first = D(date.year - 1, month, day)
            assert date.weekday() == weekday, (today, month, day)
            assert dt.timedelta(0) <= date - first < dt.timedelta(days=7), (today, month, day)
            assert first >= today + MARGIN, (today, month, day)
            assert D(first.year - 1, month, day) < today + MARGIN, (today, month, day)  # the soonest such year
            assert date - today <= dt.timedelta(days=366 + 7), (today, month, day)  # a year and a week


def test_today_is_the_validators_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: D(2027, 12, 31))
    assert upcoming(1, 1) == D(2029, 1, 2)
    assert upcoming(1, 2) == D(2028, 1, 4)


def test_with_the_real_clock_the_date_is_ahead():
    date = upcoming(5, 4)
    assert date >= timezone.localdate() + MARGIN
    assert (date.month, date.weekday()) == (5, calendar.TUESDAY)


@pytest.mark.parametrize(
    ("month", "day", "weekday", "message"),
    [
        (2, 29, 1, "February 29 is not in every year"),
        (4, 31, 1, "day is out of range"),
        (13, 1, 1, "month must be in 1..12"),
        (5, 4, 7, "weekday 7 is not"),
        (5, 4, -1, "weekday -1 is not"),
    ],
)
def test_impossible_requests_are_refused(month, day, weekday, message):
    with pytest.raises(ValueError, match=message):
        upcoming(month, day, weekday, today=D(2026, 12, 4))


@pytest.mark.parametrize("today", [D(2026, 12, 31), D(2027, 5, 3), D(2027, 12, 31), D(2028, 2, 29)])
def test_the_app_accepts_the_dates(catalogue, monkeypatch, today):
    monkeypatch.setattr(timezone, "localdate", lambda: today)
    for month, day in ANCHORS:
        date = upcoming(month, day)
        assert plan_request_build(given=PlanInput(start="jincheng", days=14, date=date)).date == date

"""Trip dates for tests: a chosen season and weekday, always in the future, whatever day the suite runs.

A plan depends on its dates: opening hours change with the season (shorter winter hours, places shut for the
winter), every day ends by sunset, and a place may close on one weekday. A test that plans on
``today + N days`` plans in another season each month and on another weekday each day, so it passes or fails
with the calendar. A fixed date such as ``2027-05-03`` keeps the season but not for long: the app refuses a
trip that starts in the past or more than three years ahead (``_date`` in itineraries/trips/validation.py),
so such a test fails for good once that day has passed.

``upcoming(5, 4)`` is the first Tuesday on or after May 4, in the soonest year in which May 4 is the day after
tomorrow or later: the season is fixed within a week, the weekday is fixed, and the date is never past. Pick
the season on purpose: a spring day for a test that is not about the season, a winter day (``upcoming(1, 12)``,
with a comment) for a test about winter. Pick a month and day at least a week (plus the trip's length) inside
the season the test needs, as the date moves up to six days forward to reach the weekday.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone

# Days between today (Beijing time, as the validator counts) and the earliest date given: a test that starts
# just before midnight, or a server process whose clock reads a little later, still sees a future date.
MARGIN = dt.timedelta(days=2)


def upcoming(month: int, day: int, weekday: int = calendar.TUESDAY, *, today: dt.date | None = None) -> dt.date:
    """The first ``weekday`` on or after ``month``/``day`` of the soonest year in which that month and day is at
    least ``MARGIN`` after ``today`` (by default ``timezone.localdate()``, the validator's today).

    The weekday is 0 for Monday to 6 for Sunday (``calendar.MONDAY`` ...). Tuesday is the default, so that a
    trip does not start on a Monday, the day many museums in China close (one place in the seeds does). The
    date is at most a year and a week away, well within the three years the app accepts. February 29 is
    refused: not every year has one.
    """
    if not calendar.MONDAY <= weekday <= calendar.SUNDAY:
        raise ValueError(f"weekday {weekday} is not 0 (Monday) to 6 (Sunday)")
    if (month, day) == (2, 29):
        raise ValueError("February 29 is not in every year: use February 28 or March 1")
    dt.date(2001, month, day)  # a month and day that exist, else ValueError
    if today is None:
        today = timezone.localdate()
    year = today.year
    while dt.date(year, month, day) < today + MARGIN:
        year += 1
    first = dt.date(year, month, day)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)

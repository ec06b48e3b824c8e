import datetime as dt

from itineraries.catalogue.hours import EXAMPLE, closed_periods, validate_hours, window_on
from itineraries.catalogue.scoring import interests_shortfall, place_score
from itineraries.trips.request import day_window, sun_times

SEASONAL = [
    {"from": "04-01", "to": "10-31", "days": "daily", "open": "08:00", "close": "18:30"},
    {
        "from": "11-01",
        "to": "03-31",
        "days": ["tue", "wed", "thu", "fri", "sat", "sun"],
        "open": "08:30",
        "close": "17:00",
    },
]


def test_summer_and_winter_hours_apply_by_date():
    assert window_on(SEASONAL, dt.date(2027, 5, 3)) == (480, 1110)
    assert window_on(SEASONAL, dt.date(2027, 1, 12)) == (510, 1020)  # a Tuesday in winter


def test_a_weekday_not_listed_is_closed():
    assert window_on(SEASONAL, dt.date(2027, 1, 11)) is None  # Monday in winter


def test_closed_season():
    hours = [
        {"from": "12-01", "to": "02-28", "closed": True},
        {"from": "03-01", "to": "11-30", "open": "08:00", "close": "18:00"},
    ]
    assert window_on(hours, dt.date(2027, 1, 5)) is None
    assert validate_hours(hours) == []


def test_validation_messages():
    assert validate_hours([{"from": "13-01", "to": "12-31", "open": "08:00", "close": "09:00"}])
    assert validate_hours([{"open": "8am", "close": "09:00"}])
    assert validate_hours("daily")


def test_winter_days_are_shorter_than_summer_days():
    winter = day_window(dt.date(2027, 12, 20), "packed", "car")
    summer = day_window(dt.date(2027, 6, 20), "packed", "car")
    assert winter[1] - winter[0] < summer[1] - summer[0]
    sunrise, sunset = sun_times(dt.date(2027, 6, 21), 37.2, 112.2)
    assert 5 * 60 < sunrise < 6 * 60
    assert 19 * 60 < sunset < 20 * 60 + 30


def test_interests_change_scores_visibly():
    cycling = place_score(8, ["cycling", "nature"], ["cycling"])
    temple = place_score(8, ["temples"], ["cycling"])
    assert cycling >= 8 * temple
    assert place_score(8, ["temples"], []) == 8
    assert place_score(5, ["heritage", "temples"], ["heritage", "temples"]) == 15


def test_places_off_the_interests_gain_as_the_interests_run_short():
    assert interests_shortfall(matching=6, days=3) == 0
    assert interests_shortfall(matching=3, days=3) == 0.5
    assert interests_shortfall(matching=0, days=7) == 1
    off = [place_score(8, ["temples"], ["painting"], shortfall=s) for s in (0.0, 0.5, 1.0)]
    assert off[0] < off[1] < off[2] == place_score(8, ["temples"], [])  # none match: as if none were named
    assert place_score(8, ["painting"], ["painting"], shortfall=1.0) == 2 * off[2]  # a match still counts double


def test_the_documented_example_is_valid():
    assert validate_hours(EXAMPLE) == []
    assert window_on(EXAMPLE, dt.date(2027, 11, 1)) is None  # a Monday in the season closed on Mondays
    assert window_on(EXAMPLE, dt.date(2027, 11, 2)) == (8 * 60 + 30, 17 * 60)


def test_an_overlap_names_both_seasons_and_the_dates_they_share():
    hours = [
        {"from": "04-01", "to": "10-31", "open": "08:00", "close": "18:00"},
        {"from": "10-15", "to": "04-05", "open": "09:00", "close": "17:00"},
    ]
    assert validate_hours(hours) == ["season 2: overlaps season 1 on 04-01 to 04-05, 10-15 to 10-31"]


def test_summer_only_hours_report_the_winter_closure_over_the_new_year():
    summer = [{"from": "04-01", "to": "10-31", "open": "08:00", "close": "18:00"}]
    assert closed_periods(summer) == ["11-01 to 03-31"]
    assert closed_periods([{"from": "01-01", "to": "12-31", "open": "08:00", "close": "18:00"}]) == []
    assert closed_periods([]) == []

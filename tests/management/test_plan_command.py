"""``manage.py plan``: the day-by-day plan on the command line, its JSON form and its errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.dates import upcoming

DATE = upcoming(5, 4).isoformat()  # a fixed date would be refused once it had passed
ARGS = ["--start", "pingyao-ancient-city", "--days", "3", "--interests", "heritage,temples", "--date", DATE]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_text_and_json_describe_the_same_three_days(catalogue):
    text = _run(*ARGS)
    data = json.loads(_run(*ARGS, "--json"))
    assert len(data["days"]) == 3
    for n, day in enumerate(data["days"], start=1):
        assert f"Day {n}  {day['date']}" in text
        for stop in day["stops"]:
            assert f"{stop['arrive'][11:16]}-{stop['depart'][11:16]}  {stop['name_en']} ({stop['name_zh']})" in text
    assert text.count("Sleep at") == 2
    assert text.count("Trip ends at") == 1
    assert sum(len(day["stops"]) for day in data["days"]) > 3


@pytest.mark.parametrize(
    ("change", "field"),
    [(["--days", "0"], "days"), (["--start", "nowhere"], "start"), (["--interests", "karaoke"], "interests")],
)
def test_bad_arguments_name_the_field(catalogue, change, field):
    args = list(ARGS)
    flag = change[0]
    args[args.index(flag) + 1] = change[1]
    with pytest.raises(CommandError, match=rf"^{field}: "):
        _run(*args)


def test_an_empty_database_says_how_to_load_the_catalogue(db):
    with pytest.raises(CommandError, match="loadseeds"):
        _run(*ARGS)


def test_rest_days_are_numbers_between_the_first_and_last_day(catalogue):
    with pytest.raises(CommandError, match=r"^rest-days: "):
        _run(*ARGS, "--rest-days", "second")
    with pytest.raises(CommandError, match=r"^rest_days: "):
        _run(*ARGS, "--rest-days", "1")
    text = _run(*ARGS, "--rest-days", "2")
    assert "(rest day)" in text

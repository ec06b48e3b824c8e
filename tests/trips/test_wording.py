"""Words only at the edge: a result and a refused request carry codes with parameters, trips/wording.py words them
in English or Chinese through gettext, and rows stored with words before schema 10 keep their own."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.utils.translation import override

from itineraries.trips.errors import InvalidRequest
from itineraries.trips.models import Itinerary
from itineraries.trips.trip_result import Advice, DayProblem, MissingMust, Problem, TripResult
from itineraries.trips.validation import PlanInput, plan_request_build
from itineraries.trips.wording import (
    PROBLEMS,
    REASONS,
    REFUSALS,
    advice_text,
    missing_reason,
    problem_text,
    refusals,
    result_wire,
    stored_wire,
)
from tests.dates import upcoming
from tests.trips.test_trip_result import STORED

# Sentence punctuation a Chinese text must not use: ASCII commas, semicolons, brackets, ! and ?, a full stop that
# ends a sentence (not a decimal point) and a colon that is not inside a time.
ASCII_PUNCTUATION = re.compile(r"[,;!?()]|\.(?!\d)|(?<!\d):|:(?!\d)")
PLACE = {"place_en": "Wangmangling Scenic Area", "place_zh": "王莽岭"}
ADVICE = (
    Advice(code="free_day", day=2, params=PLACE),
    Advice(code="nothing_open", day=1, params={"date": "2027-05-03"}),
    Advice(
        code="out_of_reach",
        day=1,
        params={
            "mode": "bicycle",
            "needed": 150.0,
            "cap": 120.0,
            "helps": "car,cap,day,start",
            "from_en": "Qinshui",
            "from_zh": "沁水",
            "to_en": "Jincheng",
            "to_zh": "晋城",
        },
    ),
    Advice(
        code="out_of_reach",
        day=1,
        params={"mode": "car", "needed": 300, "cap": 240, "helps": "start", "from_en": "Qinshui", "from_zh": "沁水"},
    ),
    Advice(code="thin", day=None, params={"stops": 1, "days": 2, "mode": "ebike", "cap": 180.0}),
    Advice(code="interests_short", day=None, params={"interests": "painting, heritage", "matched": 1}),
    Advice(
        code="interests_short",
        day=None,
        params={"interests": "painting", "matched": 0, "nearest_en": "Zuoquan", "nearest_zh": "左权", "km": 200},
    ),
    *(Advice(code="route_promise", day=2, params={"promise": p, **PLACE}) for p in ("night", "day_one", "added")),
    Advice(code="route_promise", day=2, params={"promise": "riding", "minutes": 40, "least": 90}),
)
PROBLEM_PARAMS = {
    "closed": {**PLACE, "date": "2027-05-03"},
    "too_late": {**PLACE, "begins": "16:40", "minutes": 120, "closes": "17:30"},
    "over_cap": {"drive": 300, "cap": 245},
    "late_for_pace": {"ends": "18:50", "by": "18:30", "pace": "relaxed"},
    "after_sunset": {"ends": "18:34", "sunset": "18:17"},
    "after_dark": {"ends": "18:34", "sunset": "18:07", "by": "18:17"},
    "no_lunch": {},
}


@pytest.fixture(autouse=True)
def _language_kept():
    """A page asked for in Chinese leaves Chinese active in the thread: give the next test English back."""
    with override("en"):
        yield


def _coded() -> TripResult:
    """STORED's plan with every advice, problem and missing-place code."""
    result = TripResult.from_stored(STORED)
    problems = tuple(DayProblem(code=code, params=params, slug=None) for code, params in PROBLEM_PARAMS.items())
    first = result.days[0]
    stops = (replace(first.stops[0], problem=Problem(code="closed", params=PROBLEM_PARAMS["closed"])), *first.stops[1:])
    return replace(
        result,
        days=(replace(first, stops=stops, problems=problems), *result.days[1:]),
        advice=ADVICE,
        missing_must=tuple(
            MissingMust(slug="wangmangling", code=code, params={"mode": "ebike"} if code == "out_of_reach" else {})
            for code in REASONS
        ),
        edited=True,
    )


def _texts(wire: dict[str, Any]) -> list[dict[str, str]]:
    day = wire["days"][0]
    return [*wire["advice"], *day["problems"], day["stops"][0]["problem"]]


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_a_result_is_worded_in_english_and_chinese_from_its_codes():
    wire = result_wire(_coded())
    texts = _texts(wire)
    assert len(texts) == len(ADVICE) + len(PROBLEM_PARAMS) + 1
    for text in texts:
        assert text["en"].isascii(), text
        assert text["en"].endswith("."), text
        assert text["zh"] != text["en"], text
        assert not ASCII_PUNCTUATION.search(text["zh"]), text["zh"]
    on_the_way = wire["advice"][2]
    assert on_the_way["en"] == (
        "Day 1: the nearest place to visit on the way from Qinshui to Jincheng needs 2.5 h by bicycle, over the "
        "day's cap of 2.0 h. To see more: travel by car, or raise the daily hours at the wheel, or add a day and "
        "sleep nearer the sights, or start from a town nearer the sights."
    )
    assert on_the_way["zh"] == (
        "第1天：从沁水前往晋城途中，顺路最近的景点需2.5 h（自行车），超过每日上限2.0 h。"
        "建议：改为自驾，或提高每日驾驶时长上限，或增加一天，住在景点附近，或从离景点更近的城镇出发。"
    )
    day = wire["days"][0]
    assert day["stops"][0]["problem"] == {
        "en": "Wangmangling Scenic Area is closed on Mon 03 May.",
        "zh": "王莽岭在5月3日不开放。",
    }
    assert day["problems"][2]["zh"] == "驾驶 5 小时 0 分钟，超过本次行程每天 4 小时 5 分钟 的上限。"
    assert [m["reason"] for m in wire["missing_must"]] == [
        "closed on every day of the trip",
        "the visit does not fit in its opening hours on the trip dates",
        "out of reach by e-bike: no day of the trip can get there and on to a bed within its hours and cap",
        "it does not fit in the days together with the other places (time or distance); add a day or drop a must-see",
        "no longer offered: the place was unpublished after the trip was planned",
    ]
    with override("zh-hans"):
        reasons = [missing_reason(m) for m in _coded().missing_must]
    assert all(reason.isascii() is False and not ASCII_PUNCTUATION.search(reason) for reason in reasons), reasons


def test_every_sentence_has_its_chinese():
    with override("zh-hans"):
        for table in (PROBLEMS, REASONS, REFUSALS):
            for code, msgid in table.items():
                from django.utils.translation import gettext

                assert gettext(msgid) != msgid, code


def test_a_row_keeps_codes_and_no_words():
    stored = _coded().to_stored()
    coded = [stored["advice"], stored["missing_must"], *[[d["problems"], d["stops"]] for d in stored["days"]]]
    assert not {"en", "zh", "reason"} & _keys(coded)  # a season note is editors' data, in both languages
    assert TripResult.from_stored(json.loads(json.dumps(stored))) == _coded()
    assert stored_wire(stored) == result_wire(_coded())


def test_a_row_stored_with_words_still_shows_them():
    row = copy.deepcopy(STORED)  # shape 9: the words in the row
    row["advice"] = [{"code": "free_day", "day": 2, "en": "Day 2 is free (old words).", "zh": "第2天自由活动（旧）。"}]
    row["missing_must"] = [{"slug": "wangmangling", "reason": "an old reason"}]
    row["edited"], row["violations"] = True, []
    for day in row["days"]:
        day["problems"] = [{"en": "Old problem.", "zh": "旧问题。", "slug": None}]
        for stop in day["stops"]:
            stop["problem"] = None
    row["days"][0]["stops"][0]["problem"] = {"en": "Old stop problem.", "zh": "旧的站点问题。"}
    kept = copy.deepcopy(row)
    result = TripResult.from_stored(row)
    assert row == kept
    assert stored_wire(row) == row  # the wire says what the row said
    with override("zh-hans"):
        assert advice_text(result.advice[0]) == "第2天自由活动（旧）。"
        assert problem_text(result.days[0].stops[0].problem) == "旧的站点问题。"
        assert missing_reason(result.missing_must[0]) == "an old reason"  # English only, as it always was
    assert stored_wire(result.to_stored()) == row  # a copy of the row, stored again, keeps its words


@pytest.mark.django_db
def test_the_trip_page_of_an_old_row_shows_its_words_in_the_page_s_language(catalogue):
    row = copy.deepcopy(STORED)
    row["advice"] = [{"code": "free_day", "day": 2, "en": "Day 2 is free (old words).", "zh": "第2天自由活动（旧）。"}]
    trip = Itinerary.objects.new_trip(request={"start": "pingyao-ancient-city", "days": 3}, status="done", result=row)
    client, advice = Client(), '<p class="advice" role="note">{}</p>'
    assert advice.format("Day 2 is free (old words).") in client.get(f"/trips/{trip.pk}/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get(f"/trips/{trip.pk}/").content.decode()
    assert advice.format("第2天自由活动（旧）。") in page
    assert advice.format("Day 2 is free (old words).") not in page


@pytest.mark.usefixtures("catalogue")
def test_validation_does_not_depend_on_the_language_and_the_edge_words_it():
    given = PlanInput(start="jincheng", days=1, mode="bicycle", must=("yingxian-wooden-pagoda",), date=upcoming(5, 4))
    caught = {}
    for language in ("en", "zh-hans"):
        with override(language), pytest.raises(InvalidRequest) as refused:
            plan_request_build(given=given)
        caught[language] = refused.value.errors
    assert caught["en"] == caught["zh-hans"]  # codes and parameters, no words
    with override("zh-hans"):
        (message,) = refusals(refused.value)["must"]
    assert message.code == "unreachable"
    assert message == "从 晋城 自行车出发，1 天内到不了 应县木塔。"


@pytest.mark.django_db
@pytest.mark.usefixtures("catalogue")
def test_the_api_names_a_refused_field_in_the_request_s_language():
    body = {"start": "jincheng", "days": 1, "mode": "bicycle", "must": ["yingxian-wooden-pagoda"]}
    body["date"] = upcoming(5, 4).isoformat()
    client = Client()
    answers = {
        language: client.post(
            "/api/v1/itineraries/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
        ).json()
        for language in ("en", "zh-hans")
    }
    (en,), (zh,) = answers["en"]["errors"], answers["zh-hans"]["errors"]
    assert (en["field"], en["code"], zh["field"], zh["code"]) == ("must", "unreachable", "must", "unreachable")
    assert "cannot be reached by bicycle from Jincheng" in en["message"]
    assert "自行车" in zh["message"]
    assert "应县木塔" in zh["message"]
    assert not ASCII_PUNCTUATION.search(zh["message"])


@pytest.mark.django_db
@pytest.mark.usefixtures("catalogue")
def test_a_failed_plan_says_why_in_the_page_s_language_and_in_english_to_clients():
    from itineraries.trips.lifecycle import TOO_LONG

    request = {"days": 2, "date": upcoming(5, 4).isoformat(), "start": "jincheng"}
    failed = Itinerary.objects.new_trip(request=request, status="failed", error=TOO_LONG)
    client = Client()
    assert TOO_LONG in client.get(f"/trips/{failed.pk}/").content.decode()
    assert client.get(f"/api/v1/itineraries/{failed.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["error"] == TOO_LONG
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get(f"/trips/{failed.pk}/").content.decode()
    assert "规划用时过长，已停止。请减少天数或必去景点。" in page
    assert TOO_LONG not in page

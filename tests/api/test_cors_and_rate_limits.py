"""Browser apps on other origins (API_CORS_ORIGINS), and the rate-limit headers of the throttled writes."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
PLAN = {"start": "pingyao-ancient-city", "days": 1, "date": upcoming(5, 4).isoformat()}
APP = "https://app.example.com"


def preflight(api: APIClient, path: str):
    return api.options(
        path,
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, idempotency-key",
    )


def test_cross_origin_calls_are_refused_unless_the_origin_is_listed(settings):
    api = APIClient()
    assert "Access-Control-Allow-Origin" not in preflight(api, "/api/v1/itineraries/")
    settings.CORS_ALLOWED_ORIGINS = [APP]
    allowed = preflight(api, "/api/v1/itineraries/")
    assert allowed["Access-Control-Allow-Origin"] == APP
    assert "idempotency-key" in allowed["Access-Control-Allow-Headers"]
    answer = api.get("/api/v1/destinations/", HTTP_ORIGIN=APP)
    assert answer["Access-Control-Allow-Origin"] == APP
    assert "X-Request-ID" in answer["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in answer
    assert "Access-Control-Allow-Origin" not in api.get("/", HTTP_ORIGIN=APP)  # the web pages stay same-origin


def test_a_throttled_write_says_how_many_are_left_and_when_to_retry(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"plan_submit": "2/min"}}
    api = APIClient()
    answers = [api.post("/api/v1/itineraries/", PLAN, format="json") for _ in range(4)]
    assert [a.status_code for a in answers] == [202, 202, 429, 429]
    assert [a["X-RateLimit-Remaining"] for a in answers] == ["1", "0", "0", "0"]
    assert all(a["X-RateLimit-Limit"] == "2" for a in answers)
    assert 0 < int(answers[2]["X-RateLimit-Reset"]) <= 60
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    assert answers[2].json()["code"] == "throttled"
    assert "X-RateLimit-Limit" not in api.get("/api/v1/destinations/")
    other = APIClient()
    other.force_authenticate(User.objects.create_user("other", password="pw"))
    assert other.post("/api/v1/itineraries/", PLAN, format="json").status_code == 202  # each client has its count

"""Pages answer domain errors in one place (web/errors.py): a private or missing trip is the 404 that offers to
sign in, a change the visitor may not make is a 403 that says what it takes, a change from an old page is the
409 page, a refused change goes back to the trip with the reason, in English and in Chinese. Nothing is a 500
(the test client raises any exception a view lets through)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from itineraries.trips import services
from itineraries.trips.models import Itinerary, Trip
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


def person(name: str | None, lang: str = "en") -> Client:
    client = Client()
    if name:
        client.force_login(User.objects.get_or_create(username=name, email=f"{name}@example.com")[0])
    client.cookies["django_language"] = lang
    return client


@pytest.fixture
def row(db, django_capture_on_commit_callbacks) -> Itinerary:
    """Li's finished trip (private), edited by Chen, read by whoever holds its share link."""
    li = User.objects.create_user("li", "li@example.com", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        made = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)), owner=li)
    made.refresh_from_db()
    assert made.status == "done", made.error
    made.trip.collaborators.add(User.objects.create_user("chen", "chen@example.com", "pw"))
    services.trip_share_link(trip=made.trip, on=True)
    return made


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(("lang", "offer"), [("en", "Sign in to open it"), ("zh-hans", "登录后打开")])
def test_a_private_trip_is_the_404_that_offers_to_sign_in(row, lang, offer):
    for url in (f"/trips/{row.pk}/", f"/trips/{row.pk}/trip.gpx", f"/compare/{row.pk}/{row.pk}/"):
        answer = person(None, lang).get(url)
        assert answer.status_code == 404, url
        assert offer in text(answer)
    answer = person(None, lang).post(f"/trips/{row.pk}/settings", {"name": "Mine now"})
    assert (answer.status_code, Trip.objects.get(pk=row.trip_id).name) == (404, "")


@pytest.mark.parametrize(
    ("lang", "owners_only", "read_only"),
    [
        ("en", "Only the trip's owner may do this.", "You may read this trip but not change it."),
        ("zh-hans", "只有行程主人可以这样做。", "你可以查看此行程，但不能修改。"),
    ],
)
def test_a_change_the_visitor_may_not_make_is_a_403_saying_what_it_takes(row, lang, owners_only, read_only):
    sharing = person("chen", lang).post(f"/trips/{row.pk}/sharing", {"link": "share", "on": "0"})
    assert sharing.status_code == 403
    assert escape(owners_only) in text(sharing)
    assert Trip.objects.get(pk=row.trip_id).share_token  # not revoked
    reader = person(None, lang)
    assert reader.get(f"/trips/{row.pk}/?share={row.trip.share_token}").status_code == 200
    rename = reader.post(f"/trips/{row.pk}/settings", {"name": "Mine now"})
    assert rename.status_code == 403
    assert read_only in text(rename)


@pytest.mark.parametrize(("lang", "title"), [("en", "Someone changed this trip"), ("zh-hans", "有人修改了此行程")])
def test_a_change_from_an_old_page_is_the_409_page(row, lang, title):
    first, second = [s["slug"] for day in row.result["days"] for s in day["stops"]][:2]
    chen = person("chen", lang)
    assert chen.post(f"/trips/{row.pk}/edit", {"op": "remove", "slug": first, "base_version": "1"}).status_code == 302
    stale = chen.post(f"/trips/{row.pk}/edit", {"op": "remove", "slug": second, "base_version": "1"})
    assert stale.status_code == 409
    assert title in text(stale)
    assert row.trip.versions.count() == 2


def test_a_trip_deleted_during_a_write_is_the_404_page(row, monkeypatch):
    """The owner deletes the trip between the page's access check and the write's lock."""
    rename = services.trip_update

    def deleted_first(**kwargs):
        services.trip_delete(trip=kwargs["trip"])
        return rename(**kwargs)

    monkeypatch.setattr(services, "trip_update", deleted_first)
    answer = person("chen").post(f"/trips/{row.pk}/settings", {"name": "Ours"})
    assert answer.status_code == 404
    assert "This trip is private, or there is no such trip" in text(answer)


@pytest.mark.parametrize(("lang", "reason"), [("en", "No such version."), ("zh-hans", "没有这个版本。")])
def test_a_refused_change_goes_back_to_the_trip_with_the_reason(row, lang, reason):
    chen = person("chen", lang)
    answer = chen.post(f"/trips/{row.pk}/restore", {"version": "7"}, follow=True)
    assert answer.redirect_chain == [(f"/trips/{row.pk}/", 302)]
    assert reason in text(answer)
    assert row.trip.versions.count() == 1
    replan = chen.post(f"/trips/{row.pk}/replan", {"pin": "no-such-place"}, follow=True)
    assert replan.redirect_chain == [(f"/trips/{row.pk}/", 302)]
    assert row.trip.versions.count() == 1


def test_a_post_no_page_sends_is_a_400_naming_the_field(row):
    answer = person("chen").post(f"/trips/{row.pk}/edit", {"op": "order", "days": "[[[[", "base_version": "1"})
    assert answer.status_code == 400
    assert "<strong>days</strong>" in text(answer)
    assert f'href="/trips/{row.pk}/"' in text(answer)

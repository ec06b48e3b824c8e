"""Editors curate the catalogue in the admin; their changes reach the next plan and mistakes are caught."""

import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from geopy.distance import geodesic

from itineraries.catalogue import transfer
from itineraries.models import Destination, Itinerary
from itineraries.trips.compute import plan_make
from itineraries.trips.request import PlanRequest

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = dt.date.today() + dt.timedelta(days=12)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    client = Client()
    client.force_login(user)
    return client


def change_form(slug: str, **changes) -> dict:
    d = Destination.objects.get(slug=slug)
    data = {f: getattr(d, f) for f in transfer.FIELDS if f not in ("categories", "opening_hours")}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["opening_hours"] = json.dumps(d.opening_hours)
    data["categories"] = d.categories
    for flag in ("lodging", "added", "published"):
        if not data[flag]:
            data.pop(flag)
    data.update(changes)
    return data


def test_article_import_matches_the_catalogue_and_drafts_a_new_town(editor):
    article = (
        "Visitors to Pingyao Ancient City can now take a new bus. "
        "Qixian, a county town on the way from Taiyuan, has restored its merchant houses."
    )
    response = editor.post(
        "/admin/itineraries/destination/article/",
        {"text": article, "source": "Test Daily 2026-11-24", "create_drafts": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    rows = body.split('id="article-places"')[1].split("</table>")[0].count("<tr>") - 1
    assert rows == 2
    assert "pingyao-ancient-city" in body
    assert "Visitors to Pingyao Ancient City" in body
    draft = Destination.objects.get(slug="qixian")
    assert not draft.published
    assert draft.added
    assert "Qixian, a county town" in draft.source
    assert draft.name_zh == "祁县"


def test_a_gcj02_point_is_stored_about_500_m_west_of_where_it_was_typed(editor):
    typed = (37.1710, 112.1310)
    data = change_form("shuanglin-temple", lat=typed[0], lon=typed[1], gcj02="on")
    response = editor.post(
        f"/admin/itineraries/destination/{Destination.objects.get(slug='shuanglin-temple').pk}/change/", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Destination.objects.get(slug="shuanglin-temple")
    shift = geodesic(typed, (stored.lat, stored.lon)).km
    assert 0.4 <= shift <= 0.7
    assert stored.lon < typed[1]
    assert abs(stored.lat - typed[0]) < 0.002


def test_points_outside_shanxi_and_bad_hours_are_refused_with_a_message(editor):
    pk = Destination.objects.get(slug="guoyu-castle").pk
    response = editor.post(f"/admin/itineraries/destination/{pk}/change/", change_form("guoyu-castle", lat=31.2))
    assert response.status_code == 200
    assert "outside Shanxi" in response.content.decode()
    bad_hours = json.dumps([{"from": "01-01", "to": "12-31", "open": "18:00", "close": "09:00"}])
    response = editor.post(
        f"/admin/itineraries/destination/{pk}/change/", change_form("guoyu-castle", opening_hours=bad_hours)
    )
    assert "close must be after open" in response.content.decode()
    assert Destination.objects.get(slug="guoyu-castle").lat != 31.2


def test_moving_a_destination_changes_the_next_plans_legs(editor):
    request = PlanRequest(start="pingyao-ancient-city", days=1, date=DATE, must=("shuanglin-temple",))

    def leg_to_shuanglin():
        result = plan_make(request=request, solver_seconds=5)
        return next(leg["km"] for d in result["days"] for leg in d["legs"] if leg["to"] == "shuanglin-temple")

    before = leg_to_shuanglin()
    pk = Destination.objects.get(slug="shuanglin-temple").pk
    response = editor.post(
        f"/admin/itineraries/destination/{pk}/change/", change_form("shuanglin-temple", lat=37.1000, lon=112.0500)
    )
    assert response.status_code == 302
    assert leg_to_shuanglin() != before


def _upload(editor, text: str, name: str, dry_run: bool):
    data = {"file": io.BytesIO(text.encode()), "dry_run": "on" if dry_run else ""}
    data["file"].name = name
    if not dry_run:
        data.pop("dry_run")
    return editor.post("/admin/itineraries/destination/import/", data).content.decode()


def test_an_import_with_two_bad_rows_writes_nothing_and_reports_both(editor):
    rows = json.loads(transfer.export_json())[:5]
    rows[1]["lat"] = 10.0
    rows[3]["name_zh"] = ""
    rows[0]["name_en"] = "Renamed"
    body = _upload(editor, json.dumps(rows, ensure_ascii=False), "d.json", dry_run=False)
    assert "nothing was written" in body
    table = body.split('id="import-errors"')[1]
    assert "<td>2</td><td>lat</td>" in table
    assert "<td>4</td><td>name_zh</td>" in table
    assert not Destination.objects.filter(name_en="Renamed").exists()


def test_export_then_import_is_a_no_op(editor):
    for fmt, text in (("csv", transfer.export_csv()), ("json", transfer.export_json())):
        before = list(Destination.objects.order_by("slug").values())
        body = _upload(editor, text, f"all.{fmt}", dry_run=False)
        assert "0 new, 0 changed" in body, body[-2000:]
        assert list(Destination.objects.order_by("slug").values()) == before


def test_dry_run_previews_without_writing(editor):
    rows = json.loads(transfer.export_json())[:2]
    rows[0]["name_en"] = "Preview Only"
    body = _upload(editor, json.dumps(rows), "d.json", dry_run=True)
    assert "Dry run" in body
    assert "1 changed" in body
    assert not Destination.objects.filter(name_en="Preview Only").exists()


def test_road_page_shows_stated_and_geometry_lengths(editor):
    from itineraries.models import Road

    road = Road.objects.get(slug="taihang-no1-jincheng-main")
    body = editor.get(f"/admin/itineraries/road/{road.pk}/change/").content.decode()
    assert "stated 582" in body
    assert "road-preview" in body


def test_failed_plans_are_listed_and_can_be_rerun(editor, django_capture_on_commit_callbacks):
    admin = User.objects.create_superuser("root", password="pw")
    client = Client()
    client.force_login(admin)
    row = Itinerary.objects.create(
        request=PlanRequest(start="jincheng", days=1, date=DATE).to_json(),
        status="failed",
        error="Planning failed: OperationalError",
    )
    listing = client.get("/admin/itineraries/itinerary/?status__exact=failed").content.decode()
    assert "Planning failed: OperationalError" in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/itineraries/itinerary/", {"action": "rerun", "_selected_action": [str(row.pk)]})
    row.refresh_from_db()
    assert row.status == "done"
    assert row.error == ""

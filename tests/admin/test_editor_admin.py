"""Editors curate the catalogue in the admin; their changes reach the next plan and mistakes are caught."""

import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from geopy.distance import geodesic

from itineraries.catalogue import transfer
from itineraries.models import Destination, Itinerary, Road
from itineraries.trips.compute import plan_make
from itineraries.trips.request import PlanRequest
from itineraries.trips.wording import result_wire
from tests.conftest import UNTIMED
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def hours_table(seasons: list[dict]) -> dict:
    """The opening-hours table as the browser posts it: one row of inputs per season."""
    data: dict = {"opening_hours-count": str(len(seasons) + 2)}
    for i, season in enumerate(seasons):
        prefix = f"opening_hours-{i}"
        data.update({f"{prefix}-{k}": season.get(k, "") for k in ("from", "to", "open", "close")})
        if season.get("closed"):
            data[f"{prefix}-closed"] = "on"
        days = season.get("days", "daily")
        data.update({f"{prefix}-{d}": "on" for d in WEEKDAYS if days == "daily" or d in days})
    return data


def change_form(slug: str, hours: list[dict] | None = None, **changes) -> dict:
    d = Destination.objects.get(slug=slug)
    data = {f: getattr(d, f) for f in transfer.FIELDS if f not in ("categories", "opening_hours")}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(hours_table(d.opening_hours if hours is None else hours))
    data["categories"] = d.categories
    for flag in ("lodging", "added", "published"):
        if not data[flag]:
            data.pop(flag)
    data.update(PHOTOS_NONE)
    data.update(changes)
    return data


# The photos inline's management form, as the page posts it for a place without photos.
PHOTOS_NONE = {"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}


def road_form(road, line: dict, datum: str) -> dict:
    """The road change form as posted after drawing the line on a map in the given datum."""
    fields = ("slug", "name_en", "name_zh", "kind", "stated_km", "source")
    data = {f: getattr(road, f) for f in fields}
    return {**data, "via": json.dumps(road.via), "geojson": json.dumps(line), "geojson_datum": datum}


def test_article_import_matches_the_catalogue_and_drafts_a_new_town(editor):
    article = (
        "Visitors to Pingyao Ancient City can now take a new bus. "
        "Hongtong, a county town south of Taiyuan, has restored its merchant houses."
    )
    response = editor.post(
        "/admin/itineraries/destination/article/",
        {"text": article, "source": "Test Daily 2026-11-24", "create_drafts": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    rows = body.split('id="article-places"')[1].split("</table>")[0].count("<tr>") - 1
    assert rows == 3  # the sight, Taiyuan (a town in the catalogue) and Hongtong (new)
    assert "pingyao-ancient-city" in body
    assert "<td>Taiyuan</td><td>taiyuan</td>" in body
    assert "Visitors to Pingyao Ancient City" in body
    draft = Destination.objects.get(slug="hongtong")
    assert not draft.published
    assert draft.added
    assert "Hongtong, a county town" in draft.source
    assert draft.name_zh == "洪洞"


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
    bad_hours = [{"from": "01-01", "to": "12-31", "open": "18:00", "close": "09:00"}]
    response = editor.post(f"/admin/itineraries/destination/{pk}/change/", change_form("guoyu-castle", hours=bad_hours))
    assert "Row 1: close 09:00 must be after open 18:00" in response.content.decode()
    assert Destination.objects.get(slug="guoyu-castle").lat != 31.2


def test_moving_a_destination_changes_the_next_plans_legs(editor):
    request = PlanRequest(start="pingyao-ancient-city", days=1, date=DATE, must=("shuanglin-temple",))

    def leg_to_shuanglin():
        result = result_wire(plan_make(request=request, solver_seconds=UNTIMED))
        return next(leg["km"] for d in result["days"] for leg in d["legs"] if leg["to"] == "shuanglin-temple")

    before = leg_to_shuanglin()
    pk = Destination.objects.get(slug="shuanglin-temple").pk
    response = editor.post(
        f"/admin/itineraries/destination/{pk}/change/", change_form("shuanglin-temple", lat=37.1000, lon=112.0500)
    )
    assert response.status_code == 302
    assert leg_to_shuanglin() != before


def _upload(editor, text: str, name: str) -> str:
    data = {"file": io.BytesIO(text.encode())}
    data["file"].name = name
    return editor.post("/admin/itineraries/destination/import/", data).content.decode()


def _confirm_token(body: str) -> str:
    return body.split('name="confirm" value="')[1].split('"')[0]


def test_an_import_with_two_bad_rows_lists_them_and_imports_only_the_good_ones(editor):
    rows = json.loads(transfer.export_json())[:5]
    rows[1]["lat"] = 10.0
    rows[3]["categories"] = ["heritage", "castles"]
    rows[0]["name_en"] = "Renamed"
    body = _upload(editor, json.dumps(rows, ensure_ascii=False), "d.json")
    assert "2 of 5 rows have problems and are left out" in body
    table = body.split('id="import-errors"')[1]
    assert f"<td>2</td><td>{rows[1]['slug']}</td><td>latitude</td><td>(10.0, " in table
    assert f"<td>4</td><td>{rows[3]['slug']}</td><td>categories</td><td>Select a valid choice. castles" in table
    assert not Destination.objects.filter(name_en="Renamed").exists()
    editor.post("/admin/itineraries/destination/import/", {"confirm": _confirm_token(body)})
    assert Destination.objects.filter(name_en="Renamed").exists()
    assert Destination.objects.get(slug=rows[1]["slug"]).lat != 10.0


def test_csv_errors_name_the_line_of_the_file(editor):
    text = transfer.export_csv(Destination.objects.filter(slug__in=["guoyu-castle", "shuanglin-temple"]))
    lines = text.splitlines()
    lines[2] = lines[2].replace(",sight,", ",castle,", 1)  # the second data row is line 3 of the file
    body = _upload(editor, "\n".join(lines) + "\n", "two.csv")
    assert "<td>3</td><td>shuanglin-temple</td><td>kind</td><td>Select a valid choice. castle is not one of" in body


def test_an_import_previews_each_changed_field_then_writes_on_confirm_without_a_new_upload(editor):
    rows = json.loads(transfer.export_json())[:3]
    old_name = rows[0]["name_en"]
    rows[0]["name_en"] = "Preview Only"
    rows[2]["weight"] = 1 if rows[2]["weight"] != 1 else 2
    body = _upload(editor, json.dumps(rows), "d.json")
    assert "0 new, 2 changed, 1 unchanged" in body
    changes = body.split('id="import-changes"')[1].split("</table>")[0]
    assert f"<td>English name</td><td>{old_name}</td><td>Preview Only</td>" in changes
    assert "<td>weight</td>" in changes  # the label of the field, as the form shows it
    assert not Destination.objects.filter(name_en="Preview Only").exists()
    response = editor.post("/admin/itineraries/destination/import/", {"confirm": _confirm_token(body)})
    assert response.status_code == 302
    place = Destination.objects.get(name_en="Preview Only")
    entry = LogEntry.objects.filter(object_id=str(place.pk)).latest("action_time")
    assert "Imported from d.json: name_en" in entry.get_change_message()


def test_a_stale_confirm_writes_nothing(editor):
    response = editor.post("/admin/itineraries/destination/import/", {"confirm": "not-a-token"}, follow=True)
    assert "expired" in response.content.decode()


def test_export_then_import_is_a_no_op(editor):
    for fmt, text in (("csv", transfer.export_csv(bom=True)), ("json", transfer.export_json())):
        before = list(Destination.objects.order_by("slug").values())
        body = _upload(editor, text, f"all.{fmt}")
        assert "0 new, 0 changed" in body, body[-2000:]
        assert list(Destination.objects.order_by("slug").values()) == before


def test_exports_hold_only_the_selected_rows_and_the_csv_starts_with_a_bom(editor):
    chosen = Destination.objects.filter(slug__in=["guoyu-castle", "shuanglin-temple"])
    data = {"action": "export_csv", "_selected_action": [str(d.pk) for d in chosen]}
    csv_bytes = editor.post("/admin/itineraries/destination/", data).content
    assert csv_bytes.startswith("\ufeff".encode())
    text = csv_bytes.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 3
    assert "双林寺" in text
    data["action"] = "export_json"
    exported = json.loads(editor.post("/admin/itineraries/destination/", data).content)
    assert sorted(r["slug"] for r in exported) == ["guoyu-castle", "shuanglin-temple"]


def test_road_page_shows_stated_and_geometry_lengths(editor):
    from itineraries.models import Road

    road = Road.objects.get(slug="taihang-no1-jincheng-main")
    body = editor.get(f"/admin/itineraries/road/{road.pk}/change/").content.decode()
    assert "stated 582" in body
    assert "admin-road-map" in body


def spur() -> Road:
    """A road of its own, joined to nothing, so a test can redraw it without splitting the network."""
    points = [[35.3, 113.4], [35.31, 113.41]]
    return Road.objects.create(
        slug="test-spur",
        name_en="Spur",
        name_zh="支线",
        kind="branch",
        points=points,
        stated_km=30,
        via=["a", "b"],
        source="t",
    )


def save_road(editor, road, data: dict):
    """Save a drawn line as an editor does: see what it changes, then save again to confirm."""
    url = f"/admin/itineraries/road/{road.pk}/change/"
    first = editor.post(url, data)
    body = first.content.decode()
    assert 'id="road-impact"' in body
    token = body.split('name="confirm_line" value="')[1].split('"')[0]
    return editor.post(url, {**data, "confirm_line": token})


def test_a_road_drawn_on_the_map_is_stored_and_its_history_names_the_points(editor):
    road = spur()
    line = {"type": "LineString", "coordinates": [[112.85, 35.49], [113.0, 35.6], [113.2, 35.7]]}
    data = road_form(road, line, datum="wgs84")
    response = save_road(editor, road, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    road.refresh_from_db()
    assert road.points == [[35.49, 112.85], [35.6, 113.0], [35.7, 113.2]]
    entry = LogEntry.objects.filter(object_id=str(road.pk)).latest("action_time")
    assert entry.get_change_message() == "Changed points."
    data["geojson"] = json.dumps({"type": "LineString", "coordinates": [[112.85, 35.49], [120.0, 30.0]]})
    body = editor.post(f"/admin/itineraries/road/{road.pk}/change/", data).content.decode()
    assert "Points 2 are outside Shanxi" in body


def test_failed_plans_are_listed_and_can_be_rerun(editor, django_capture_on_commit_callbacks):
    admin = User.objects.create_superuser("root", password="pw")
    client = Client()
    client.force_login(admin)
    row = Itinerary.objects.new_trip(
        request=PlanRequest(start="jincheng", days=1, date=DATE).to_json(),
        status="failed",
        error="Planning failed: OperationalError",
    )
    listing = client.get("/admin/itineraries/itinerary/?status__exact=failed").content.decode()
    assert "Planning failed: OperationalError" in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/itineraries/itinerary/",
            {"action": "rerun", "_selected_action": [str(row.pk)], "confirm": "yes", "reason": "database back"},
        )
    row.refresh_from_db()
    assert row.status == "failed"  # the version stays as it was; the re-run is the next one
    again = Itinerary.objects.get(replanned_from=row)
    assert (again.status, again.error, again.origin, again.version) == ("done", "", "rerun", 2)


def test_pinyin_typed_without_spaces_finds_the_place(editor):
    body = editor.get("/admin/itineraries/destination/?q=shuanglinsi").content.decode()
    assert "shuanglin-temple" in body


def test_a_gcj02_save_says_what_it_converted_and_summer_only_hours_warn(editor):
    pk = Destination.objects.get(slug="guoyu-castle").pk
    summer = [{"from": "04-01", "to": "10-31", "open": "08:00", "close": "18:00"}]
    data = change_form("guoyu-castle", hours=summer, lat=35.6, lon=112.5, gcj02="on", hours_estimated="on")
    page = editor.post(f"/admin/itineraries/destination/{pk}/change/", data, follow=True).content.decode()
    assert "Converted from GCJ-02 (35.6, 112.5) to WGS-84" in page
    assert "is closed 11-01 to 03-31" in page
    assert Destination.objects.get(pk=pk).opening_hours == [
        {"from": "04-01", "to": "10-31", "days": "daily", "open": "08:00", "close": "18:00"}
    ]


def test_an_overlapping_season_is_shown_on_its_row_with_the_dates(editor):
    pk = Destination.objects.get(slug="guoyu-castle").pk
    hours = [
        {"from": "04-01", "to": "10-31", "open": "08:00", "close": "18:00"},
        {"from": "10-01", "to": "03-31", "days": ["sat", "sun"], "open": "09:00", "close": "17:00"},
    ]
    body = editor.post(
        f"/admin/itineraries/destination/{pk}/change/", change_form("guoyu-castle", hours=hours)
    ).content.decode()
    assert "Row 2: overlaps season 1 on 10-01 to 10-31" in body
    row = body.split('class="hours-row hours-row-error"')[1].split("</tr>")[0]
    assert '<th scope="row">2</th>' in row
    assert 'value="10-01"' in row


def test_the_language_switch_turns_the_admin_chinese_labels_and_all(editor):
    page = editor.get("/admin/itineraries/destination/").content.decode()
    assert 'id="admin-language"' in page
    assert "Shanxi trip planner: editors" in page
    editor.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/itineraries/destination/"})
    page = editor.get("/admin/itineraries/destination/").content.decode()
    assert "选择 目的地 来修改" in page
    assert "将所选导出为 CSV" in page
    assert "山西行程规划：编辑后台" in page
    pk = Destination.objects.get(slug="guoyu-castle").pk
    form = editor.get(f"/admin/itineraries/destination/{pk}/change/").content.decode()
    assert "开放时间" in form
    assert "中文名" in form
    assert "取自国内网络地图（GCJ-02）" in form


def test_on_gcj02_tiles_the_road_is_drawn_shifted_and_a_drawn_line_is_stored_as_wgs84(editor, settings):
    from itineraries.models import Road

    settings.MAP_TILE_DATUM = "gcj02"
    road = Road.objects.get(slug="qinhe-castle-ring")
    body = editor.get(f"/admin/itineraries/road/{road.pk}/change/").content.decode()
    shown = json.loads(body.split('data-display="')[1].split('"')[0].replace("&quot;", '"'))
    assert len(shown) == len(road.points)
    assert 0.4 <= geodesic(tuple(shown[0]), tuple(road.points[0])).km <= 0.7
    drawn = {"type": "LineString", "coordinates": [[112.5, 35.6], [112.6, 35.7]]}
    road = spur()
    data = road_form(road, drawn, datum="gcj02")
    assert save_road(editor, road, data).status_code == 302
    road.refresh_from_db()
    assert road.points[0][1] < 112.5
    assert 0.4 <= geodesic((35.6, 112.5), tuple(road.points[0])).km <= 0.7


def test_a_chinese_editor_reads_hours_problems_in_chinese(editor):
    editor.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    pk = Destination.objects.get(slug="guoyu-castle").pk
    bad = [{"from": "01-01", "to": "12-31", "open": "18:00", "close": "09:00"}]
    body = editor.post(f"/admin/itineraries/destination/{pk}/change/", change_form("guoyu-castle", hours=bad))
    assert "第 1 行：关门时间 09:00 必须晚于开门时间 18:00" in body.content.decode()


def test_a_roads_waypoints_typed_as_broken_json_name_the_position(editor):
    from itineraries.models import Road

    road = Road.objects.get(slug="qinhe-castle-ring")
    line = {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in road.points[:2]]}
    data = road_form(road, line, datum="wgs84")
    data["via"] = '["yangcheng",\n "runcheng" "beiliu"]'
    body = editor.post(f"/admin/itineraries/road/{road.pk}/change/", data).content.decode()
    assert "Not valid JSON at line 2, column 13" in body

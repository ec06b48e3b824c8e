"""Nothing an editor does breaks what tourists saved: re-runs are new versions, slugs stay, imports follow the
form's rules, unpublished places stay in saved trips, road and route saves are checked first (issue 42)."""

import hashlib
import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client

from itineraries.catalogue import transfer
from itineraries.catalogue.models import Destination, Road, ThemedRoute
from itineraries.models import Itinerary
from itineraries.trips import services
from itineraries.trips.errors import InvalidRequest
from itineraries.trips.request import PlanRequest
from itineraries.trips.validation import PlanInput, plan_request_build
from itineraries.trips.wording import refusals, refusals_line, stored_wire
from tests.admin.test_editor_admin import change_form
from tests.admin.test_editor_admin import road_form as drawn_form
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4)


@pytest.fixture
def saved_trip(django_capture_on_commit_callbacks) -> Itinerary:
    """A tourist's finished two-day trip from Pingyao that holds Shuanglin Temple."""
    tourist = User.objects.create_user("lin", password="pw")
    request = PlanRequest(start="pingyao-ancient-city", days=2, date=DATE, must=("shuanglin-temple",))
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(request=request, owner=tourist)
    row.refresh_from_db()
    assert row.status == "done", row.error
    return row


def stored_results() -> dict[str, str]:
    """Every finished version's stored result, as bytes of its canonical JSON."""
    rows = Itinerary.objects.filter(status="done").values_list("pk", "result")
    return {str(pk): hashlib.sha256(json.dumps(r, sort_keys=True).encode()).hexdigest() for pk, r in rows}


def rerun(client: Client, rows: list[Itinerary], **extra) -> object:
    data = {"action": "rerun", "_selected_action": [str(r.pk) for r in rows], **extra}
    return client.post("/admin/itineraries/itinerary/", data)


# 1. Re-runs --------------------------------------------------------------------------------------------------


def test_a_rerun_asks_first_naming_trips_and_owners_then_adds_a_version(
    editor, saved_trip, django_capture_on_commit_callbacks
):
    before = json.dumps(saved_trip.result, sort_keys=True)
    body = rerun(editor, [saved_trip]).content.decode()
    assert "Re-run the plan of 1 trip?" in body
    assert "Whose: lin (1)." in body
    assert Itinerary.objects.filter(trip=saved_trip.trip).count() == 1
    assert "This field is required" not in body  # the first view asks; it does not scold
    with django_capture_on_commit_callbacks(execute=True):
        response = rerun(editor, [saved_trip], confirm="yes", reason="road data fixed")
    assert response.status_code == 302
    saved_trip.refresh_from_db()
    assert (saved_trip.version, json.dumps(saved_trip.result, sort_keys=True)) == (1, before)
    new = Itinerary.objects.get(trip=saved_trip.trip, version=2)
    assert (new.origin, new.requested_by.username, new.reason, new.status) == ("rerun", "ed", "road data fixed", "done")
    assert new.replanned_from == saved_trip
    assert new.trip.owner == saved_trip.trip.owner
    history = LogEntry.objects.get(object_id=str(saved_trip.pk)).change_message
    assert history == "Re-run as version 2: road data fixed"


def test_a_rerun_without_a_reason_is_not_done(editor, saved_trip):
    body = rerun(editor, [saved_trip], confirm="yes", reason="").content.decode()
    assert "This field is required" in body
    assert Itinerary.objects.filter(trip=saved_trip.trip).count() == 1


# 2. Slugs ----------------------------------------------------------------------------------------------------


def test_a_published_slug_cannot_be_renamed_and_the_form_says_why(editor):
    pk = Destination.objects.get(slug="guoyu-castle").pk
    data = change_form("guoyu-castle") | {"slug": "guoyu-ancient-castle"}
    body = editor.post(f"/admin/itineraries/destination/{pk}/change/", data).content.decode()
    assert "“guoyu-castle” cannot change: the place is published or in use (1 themed routes" in body
    assert Destination.objects.filter(slug="guoyu-castle").exists()
    assert editor.get("/places/guoyu-castle/").status_code == 200
    assert "qinhe-castle-ring" in [r["slug"] for r in editor.get("/api/v1/routes/").json()]


def test_an_unused_draft_can_be_renamed_and_the_message_says_so(editor):
    draft = Destination.objects.get(slug="guoyu-castle")
    draft.pk, draft.slug, draft.published = None, "draft-castle", False
    draft.save()
    data = change_form("draft-castle") | {"slug": "draft-castle-2"}
    response = editor.post(f"/admin/itineraries/destination/{draft.pk}/change/", data, follow=True)
    assert "Slug changed from “draft-castle” to “draft-castle-2”" in response.content.decode()


# 3. Import ---------------------------------------------------------------------------------------------------


def _upload(client: Client, text: str, name: str) -> str:
    data = {"file": io.BytesIO(text.encode())}
    data["file"].name = name
    return client.post("/admin/itineraries/destination/import/", data).content.decode()


def test_import_applies_the_forms_rules_and_imports_the_good_rows(editor):
    rows = json.loads(transfer.export_json(Destination.objects.filter(slug="guoyu-castle")))
    good = {**rows[0], "slug": "jiexiu-new-place", "name_en": "Jiexiu New Place", "name_zh": "介休新地"}
    bad_slug = {**good, "slug": "Jiexiu Bad Slug", "name_en": "Bad", "name_zh": "坏"}
    bad_hours = {
        **good,
        "slug": "bad-hours",
        "name_en": "Hours",
        "name_zh": "时",
        "opening_hours": [{"from": "01-01", "to": "12-31", "open": "18:00", "close": "09:00"}],
    }
    renamed = {**rows[0], "slug": "guoyu-ancient-castle"}
    body = _upload(editor, json.dumps([good, bad_slug, bad_hours, renamed], ensure_ascii=False), "d.json")
    errors = body.split('id="import-errors"')[1].split("</table>")[0]
    assert "<td>2</td><td>Jiexiu Bad Slug</td><td>slug</td><td>Enter a valid “slug”" in errors
    assert "<td>3</td><td>bad-hours</td><td>opening hours</td><td>Row 1: close 09:00 must be after open 18:00" in errors
    assert (
        f"<td>4</td><td>guoyu-ancient-castle</td><td>slug</td><td>{rows[0]['name_en']} is already published as"
        in errors
    )
    assert "3 of 4 rows have problems and are left out" in body
    token = body.split('name="confirm" value="')[1].split('"')[0]
    page = editor.post("/admin/itineraries/destination/import/", {"confirm": token}, follow=True).content.decode()
    assert "3 rows with problems were left out." in page
    assert Destination.objects.filter(slug="jiexiu-new-place", published=True).exists()
    assert not Destination.objects.filter(slug__in=["Jiexiu Bad Slug", "bad-hours", "guoyu-ancient-castle"]).exists()


def test_the_import_preview_shows_values_as_an_editor_reads_them(editor):
    rows = json.loads(transfer.export_json(Destination.objects.filter(slug="guoyu-castle")))
    new = {
        **rows[0],
        "slug": "preview-place",
        "name_en": "Preview Place",
        "name_zh": "预览",
        "ticket_cny": None,
        "ticket_source": "",
        "categories": ["heritage"],
        "lodging": True,
    }
    body = _upload(editor, json.dumps([new], ensure_ascii=False), "d.json")
    changes = body.split('id="import-changes"')[1].split("</table>")[0]
    assert "<td>categories</td><td>\u2013</td><td>Heritage</td>" in changes  # new: nothing before
    assert "<td>lodging</td><td>\u2013</td><td>yes</td>" in changes
    for python in ("None", "True", "[&#x27;"):
        assert python not in changes


# 4. Unpublishing ---------------------------------------------------------------------------------------------


def test_unpublishing_counts_the_saved_and_upcoming_trips_that_hold_the_place(editor, saved_trip):
    kept = Itinerary.objects.get(pk=saved_trip.pk)
    Itinerary.objects.new_trip(
        request={**kept.request, "date": "2020-05-05"}, result=kept.result, status=kept.status
    )  # a trip taken in 2020 that held the place too
    shuanglin = Destination.objects.get(slug="shuanglin-temple")
    data = {"action": "unpublish", "_selected_action": [str(shuanglin.pk)]}
    body = editor.post("/admin/itineraries/destination/", data).content.decode()
    assert "Saved trips hold it: 2, 1 of them still ahead." in body
    shuanglin.refresh_from_db()
    assert shuanglin.published


def test_a_saved_trip_keeps_an_unpublished_place_shown_exported_and_editable(editor, saved_trip):
    results = stored_results()
    shuanglin = Destination.objects.get(slug="shuanglin-temple")
    editor.post(
        "/admin/itineraries/destination/",
        {"action": "unpublish", "_selected_action": [str(shuanglin.pk)], "confirm": "yes"},
    )
    assert not Destination.objects.get(slug="shuanglin-temple").published
    assert stored_results() == results
    tourist = Client()
    tourist.force_login(saved_trip.trip.owner)
    page = tourist.get(f"/trips/{saved_trip.pk}/").content.decode()
    assert "no longer offered" in page
    assert "Shuanglin" in tourist.get(f"/api/v1/itineraries/{saved_trip.pk}/gpx").content.decode()
    days = [[s["slug"] for s in d["stops"]] for d in saved_trip.result["days"]]
    edited = services.itinerary_edit(itinerary=saved_trip, days=[list(reversed(days[0])), days[1]])
    assert "shuanglin-temple" in {s["slug"] for d in edited.result["days"] for s in d["stops"]}
    without = [[slug for slug in day if slug != "shuanglin-temple"] for day in days]
    fresh = services.itinerary_edit(itinerary=edited, days=without)
    with pytest.raises(InvalidRequest) as refused:  # taken out, it cannot come back
        services.itinerary_edit(itinerary=fresh, days=[[*without[0], "shuanglin-temple"], without[1]])
    assert "no longer offered" in refusals_line(refused.value)


def test_a_locked_day_keeps_an_unpublished_place_on_a_replan(saved_trip, django_capture_on_commit_callbacks):
    day = next(
        n for n, d in enumerate(saved_trip.result["days"], 1) if "shuanglin-temple" in {s["slug"] for s in d["stops"]}
    )
    Destination.objects.filter(slug="shuanglin-temple").update(published=False)
    from itineraries.catalogue.cache import catalogue_version_bump

    catalogue_version_bump()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.itinerary_replan(itinerary=saved_trip, pins=(), drops=(), keep_days=(day,))
    new.refresh_from_db()
    assert new.status == "done", new.error
    assert "shuanglin-temple" in {s["slug"] for s in new.result["days"][day - 1]["stops"]}
    with django_capture_on_commit_callbacks(execute=True):
        free = services.itinerary_replan(itinerary=saved_trip, pins=(), drops=(), keep_days=())
    free.refresh_from_db()
    assert "shuanglin-temple" not in {s["slug"] for d in free.result["days"] for s in d["stops"]}


def test_a_hidden_routes_request_says_why_and_does_not_blame_must():
    Destination.objects.filter(slug="guoyu-castle").update(published=False)
    from itineraries.catalogue.cache import catalogue_version_bump

    catalogue_version_bump()
    with pytest.raises(InvalidRequest) as caught:
        plan_request_build(given=PlanInput(route="qinhe-castle-ring", date=DATE))
    assert set(caught.value.errors) == {"route"}
    (message,) = refusals(caught.value)["route"]
    assert "Guoyu Ancient Castle" in message
    assert "not offered at the moment" in message


# 5. Roads ----------------------------------------------------------------------------------------------------


def road_form(road: Road, line: dict, datum: str) -> dict:
    return {k: ("" if v is None else v) for k, v in drawn_form(road, line, datum).items()}


def _junction_road() -> tuple[Road, int]:
    """A road and the index of a point it shares with another road."""
    roads = list(Road.objects.all())
    for road in roads:
        others = {(round(p[0], 6), round(p[1], 6)) for o in roads if o.pk != road.pk for p in o.points}
        for i, p in enumerate(road.points[1:-1], 1):
            if (round(p[0], 6), round(p[1], 6)) in others:
                return road, i
    raise AssertionError("no junction in the seeds")


def test_dragging_a_junction_is_refused_naming_the_road_it_met(editor):
    road, i = _junction_road()
    points = [list(p) for p in road.points]
    points[i] = [points[i][0] + 0.05, points[i][1] + 0.05]
    line = {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]}
    body = editor.post(f"/admin/itineraries/road/{road.pk}/change/", road_form(road, line, "wgs84")).content.decode()
    assert "The line no longer passes" in body
    assert Road.objects.get(pk=road.pk).points == road.points


def test_a_road_edit_lists_the_routes_whose_plan_changes_before_it_is_saved(editor):
    road = Road.objects.get(slug="qinhe-castle-ring")
    points = [list(p) for p in road.points]
    junctions = {(round(p[0], 6), round(p[1], 6)) for o in Road.objects.exclude(pk=road.pk) for p in o.points}
    k = next(i for i, p in enumerate(points[1:-1], 1) if (round(p[0], 6), round(p[1], 6)) not in junctions)
    points[k] = [points[k][0] + 0.15, points[k][1] + 0.15]  # a detour on the castle ring
    line = {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]}
    first = editor.post(f"/admin/itineraries/road/{road.pk}/change/", road_form(road, line, "wgs84"))
    body = first.content.decode()
    assert 'id="road-impact"' in body
    assert "Length from the line:" in body
    assert "Stated length" in body
    table = body.split('id="road-impact-routes"')[1].split("</table>")[0]
    changed = table.split("<tbody>")[1].split("</tr>")[:-1]
    assert changed, table
    for row in changed:  # route, km now, km with this line, ...
        cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
        assert cells[1] != cells[2] or cells[3] != cells[4], cells
    assert Road.objects.get(pk=road.pk).points == road.points  # nothing saved before the confirmation
    token = body.split('name="confirm_line" value="')[1].split('"')[0]
    data = {**road_form(road, line, "wgs84"), "confirm_line": token}
    assert editor.post(f"/admin/itineraries/road/{road.pk}/change/", data).status_code == 302
    assert Road.objects.get(pk=road.pk).points != road.points


# 6. Routes ---------------------------------------------------------------------------------------------------


def route_form(**changes) -> dict:
    data = {
        "slug": "castle-day",
        "name_en": "A day of castles",
        "name_zh": "古堡一日",
        "start": "jincheng",
        "days": "1",
        "mode": "car",
        "pace": "normal",
        "must": ["guoyu-castle"],
        "interests": ["heritage"],
        "source": "editor's pick",
        "published": "on",
    }
    return {**data, **changes}


CROWDED = [
    "huangcheng-xiangfu",
    "guoyu-castle",
    "xiangyu-castle",
    "douzhuang-castle",
    "dizhicheng-castle",
    "wangmangling",
    "xiyagou-hanging-road",
    "manghe-scenic-area",
    "henghe-cycling-town",
    "baimasi-mountain-forest-park",
]


def test_a_route_whose_must_sees_do_not_fit_cannot_be_published(editor):
    body = editor.post("/admin/itineraries/themedroute/add/", route_form(must=CROWDED)).content.decode()
    assert "the route leaves out its own must-see places" in body
    assert "it does not fit in the days together with the other places" in body
    assert not ThemedRoute.objects.filter(slug="castle-day").exists()
    response = editor.post("/admin/itineraries/themedroute/add/", route_form(must=CROWDED, published=""))
    assert response.status_code == 302
    assert "castle-day" not in [r["slug"] for r in editor.get("/api/v1/routes/").json()]


def test_a_new_route_starts_near_its_places_and_says_how_its_plan_went(editor):
    form = editor.get("/admin/itineraries/themedroute/add/").content.decode()
    assert '<option value="normal" selected>' in form
    assert '<option value="car" selected>' in form
    response = editor.post("/admin/itineraries/themedroute/add/", route_form(start=""), follow=True)
    assert ThemedRoute.objects.get(slug="castle-day").start == "yangcheng"  # the town nearest Guoyu
    assert "Planned at its default length: 1 days" in response.content.decode()


# Permissions -------------------------------------------------------------------------------------------------


@pytest.fixture
def clients(editor) -> dict[str, Client]:
    root = Client()
    root.force_login(User.objects.create_superuser("root", password="pw"))
    staff = Client()
    staff.force_login(User.objects.create_user("staff", password="pw", is_staff=True))
    return {"editor": editor, "superuser": root, "staff without rights": staff, "anonymous": Client()}


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("editor", True), ("superuser", True), ("staff without rights", False), ("anonymous", False)],
)
def test_who_may_rerun_rename_import_and_edit_roads(clients, who, allowed, saved_trip):
    client = clients[who]
    response = rerun(client, [saved_trip], confirm="yes", reason="check")
    assert Itinerary.objects.filter(trip=saved_trip.trip).count() == (2 if allowed else 1), who
    if not allowed:
        assert response.status_code in (302, 403)
    draft = Destination.objects.create(
        slug=f"draft-{len(who)}",
        name_en="Draft",
        name_zh="草稿",
        lat=36.0,
        lon=112.0,
        city="Jincheng",
        source="t",
        published=False,
    )
    data = change_form(draft.slug) | {"slug": f"{draft.slug}-renamed"}
    client.post(f"/admin/itineraries/destination/{draft.pk}/change/", data)
    assert Destination.objects.filter(slug=f"{draft.slug}-renamed").exists() == allowed
    page = client.get("/admin/itineraries/destination/import/")
    assert (page.status_code == 200) == allowed
    road = Road.objects.get(slug="qinhe-castle-ring")
    line = {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in road.points]}
    client.post(f"/admin/itineraries/road/{road.pk}/change/", road_form(road, line, "wgs84") | {"name_en": "X"})
    assert (Road.objects.get(pk=road.pk).name_en == "X") == allowed


# Finished versions are never rewritten -----------------------------------------------------------------------


def test_no_admin_action_changes_a_finished_version(editor, saved_trip, django_capture_on_commit_callbacks):
    stored = stored_results()
    assert stored
    with django_capture_on_commit_callbacks(execute=True):
        rerun(editor, [saved_trip], confirm="yes", reason="check")
    assert {k: v for k, v in stored_results().items() if k in stored} == stored
    place = Destination.objects.get(slug="shuanglin-temple")
    editor.post(f"/admin/itineraries/destination/{place.pk}/change/", change_form("shuanglin-temple", lat=37.2))
    assert {k: v for k, v in stored_results().items() if k in stored} == stored
    editor.post(
        "/admin/itineraries/destination/",
        {"action": "unpublish", "_selected_action": [str(place.pk)], "confirm": "yes"},
    )
    assert {k: v for k, v in stored_results().items() if k in stored} == stored
    rows = json.loads(transfer.export_json(Destination.objects.filter(slug="zhenguo-temple")))
    rows[0]["weight"] = 1 if rows[0]["weight"] != 1 else 2
    body = _upload(editor, json.dumps(rows, ensure_ascii=False), "d.json")
    editor.post("/admin/itineraries/destination/import/", {"confirm": body.split('name="confirm" value="')[1][:24]})
    assert {k: v for k, v in stored_results().items() if k in stored} == stored
    road = Road.objects.get(slug="qinhe-castle-ring")
    line = {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in road.points]}
    editor.post(f"/admin/itineraries/road/{road.pk}/change/", road_form(road, line, "wgs84") | {"name_en": "X"})
    editor.post("/admin/itineraries/themedroute/add/", route_form())
    assert {k: v for k, v in stored_results().items() if k in stored} == stored


# 7. The Chinese admin ----------------------------------------------------------------------------------------


def test_the_chinese_admin_reads_statuses_labels_messages_and_values_in_chinese(editor, saved_trip):
    editor.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    listing = editor.get("/admin/itineraries/itinerary/").content.decode()
    assert "已完成" in listing
    assert "Done" not in listing
    assert "<title>选择行程查看 |" in listing  # Django's "Select %s to view", not "to change"
    editor.post(
        "/admin/itineraries/itinerary/",
        {"action": "rerun", "_selected_action": [str(saved_trip.pk)], "confirm": "yes", "reason": "检查"},
    )
    again = Itinerary.objects.get(replanned_from=saved_trip)
    page = editor.get(f"/admin/itineraries/itinerary/{again.pk}/change/").content.decode()
    assert "重新规划自" in page
    assert "由编辑重新运行" in page
    road = Road.objects.get(slug="qinhe-castle-ring")
    form = editor.get(f"/admin/itineraries/road/{road.pk}/change/").content.decode()
    assert '<label for="id_geojson">线路' in form
    routes = editor.get("/admin/itineraries/themedroute/").content.decode()
    assert "自驾" in routes
    assert '<td class="field-mode_label">car</td>' not in routes
    pk = Destination.objects.get(slug="guoyu-castle").pk
    bad = [{"from": "13-01", "to": "12-31", "open": "08:00", "close": "18:00"}]
    body = editor.post(f"/admin/itineraries/destination/{pk}/change/", change_form("guoyu-castle", hours=bad))
    assert "13-01：月份必须在 01 到 12 之间" in body.content.decode()
    rows = json.loads(transfer.export_json(Destination.objects.filter(slug="guoyu-castle")))
    new = {**rows[0], "slug": "preview-place", "name_en": "Preview Place", "name_zh": "预览", "lodging": True}
    new["categories"] = ["heritage"]
    preview = _upload(editor, json.dumps([new], ensure_ascii=False), "d.json")
    changes = preview.split('id="import-changes"')[1].split("</table>")[0]
    assert "<td>住宿</td><td>\u2013</td><td>是</td>" in changes
    assert "<td>类别</td><td>\u2013</td><td>历史遗产</td>" in changes
    for python in ("None", "True", "[&#x27;"):
        assert python not in changes


def test_a_rerun_of_a_trip_whose_must_see_was_unpublished_says_so(
    editor, saved_trip, django_capture_on_commit_callbacks
):
    Destination.objects.filter(slug="shuanglin-temple").update(published=False)
    from itineraries.catalogue.cache import catalogue_version_bump

    catalogue_version_bump()
    with django_capture_on_commit_callbacks(execute=True):
        rerun(editor, [saved_trip], confirm="yes", reason="catalogue changed")
    again = Itinerary.objects.get(replanned_from=saved_trip)
    assert again.status == "done", again.error
    assert [m["slug"] for m in again.result["missing_must"]] == ["shuanglin-temple"]
    assert stored_wire(again.result)["missing_must"][0]["reason"].startswith("no longer offered")
    assert "shuanglin-temple" in {s["slug"] for d in saved_trip.result["days"] for s in d["stops"]}


def test_a_new_road_that_meets_no_other_road_is_refused(editor):
    line = {"type": "LineString", "coordinates": [[113.4, 35.3], [113.41, 35.31]]}
    data = {
        "slug": "lonely",
        "name_en": "Lonely",
        "name_zh": "孤路",
        "kind": "branch",
        "stated_km": "2",
        "source": "t",
        "via": '["a", "b"]',
        "geojson": json.dumps(line),
        "geojson_datum": "wgs84",
    }
    body = editor.post("/admin/itineraries/road/add/", data).content.decode()
    assert "The line meets no other road" in body
    assert not Road.objects.filter(slug="lonely").exists()

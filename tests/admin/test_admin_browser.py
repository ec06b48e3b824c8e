"""An editor's day in the admin, in Chromium at 1440 px: place a point on the map, edit the hours table, import
with a preview, export a selection, meet the route warning, and switch the admin to Chinese."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from itineraries.catalogue import transfer
from itineraries.catalogue.models import Destination
from tests.photos import camera_jpeg
from tests.web.conftest import shot

pytestmark = [pytest.mark.usefixtures("catalogue")]
VIEW = (1440, 900, "en")


@pytest.fixture
def editor_page(browser, live_server, settings, editors_group):
    settings.MAP_TILE_URL = ""  # no tile server here: the map draws the catalogue's roads and places itself
    user = User.objects.create_user("ed", password="a long pass phrase", is_staff=True)
    user.groups.add(editors_group)
    context = browser.new_context(viewport={"width": VIEW[0], "height": VIEW[1]}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "a long pass phrase")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def _change_page(page, live_server, slug: str) -> None:
    pk = Destination.objects.get(slug=slug).pk
    page.goto(f"{live_server.url}/admin/itineraries/destination/{pk}/change/")


def test_an_editor_places_a_point_by_clicking_the_map(editor_page, live_server):
    page = editor_page
    _change_page(page, live_server, "guoyu-castle")
    box = page.locator(".admin-point-map").bounding_box()
    assert box["width"] >= 600
    assert box["height"] >= 300
    assert page.locator(".admin-point-map path.leaflet-interactive").count() > 10  # roads and places drawn
    before = page.input_value("#id_lat"), page.input_value("#id_lon")
    page.locator(".admin-point-map").click(position={"x": box["width"] / 2 + 120, "y": box["height"] / 2 - 60})
    after = page.input_value("#id_lat"), page.input_value("#id_lon")
    assert after != before
    assert float(after[0]) > float(before[0])
    assert float(after[1]) > float(before[1])
    shot(page, "admin-map-point", VIEW)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    stored = Destination.objects.get(slug="guoyu-castle")
    assert (f"{stored.lat:.4f}", f"{stored.lon:.4f}") == after


def test_an_editor_edits_the_hours_table_and_sees_a_mistake_on_its_row(editor_page, live_server):
    page = editor_page
    _change_page(page, live_server, "shuanglin-temple")
    rows = page.locator("tr.hours-row")
    seasons = Destination.objects.get(slug="shuanglin-temple").opening_hours
    assert rows.count() == len(seasons) + 2
    page.click("button.hours-add")
    assert rows.count() == len(seasons) + 3
    blank = rows.nth(len(seasons))
    blank.locator("input[name$=-from]").fill("06-01")
    blank.locator("input[name$=-to]").fill("06-30")
    blank.locator("input[name$=-open]").fill("07:00")
    blank.locator("input[name$=-close]").fill("19:00")
    page.click("input[name=_continue]")
    problem = page.locator("tr.hours-row-problem").first
    assert "overlaps season 1 on 06-01 to 06-30" in problem.inner_text()
    shot(page, "admin-hours-error", VIEW)
    row = page.locator("tr.hours-row-error").first
    row.locator("input[name$=-from]").fill("")
    row.locator("input[name$=-to]").fill("")
    row.locator("input[name$=-open]").fill("")
    row.locator("input[name$=-close]").fill("")
    first = page.locator("tr.hours-row").first
    first.locator("input[name$=-close]").fill("17:45")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert Destination.objects.get(slug="shuanglin-temple").opening_hours[0]["close"] == "17:45"
    shot(page, "admin-hours-saved", VIEW)


def test_an_editor_previews_then_confirms_an_import(editor_page, live_server, tmp_path):
    page = editor_page
    rows = Destination.objects.filter(slug__in=["guoyu-castle", "zhenguo-temple"])
    text = transfer.export_csv(rows, bom=True).replace("Guoyu", "Guoyu Old", 1)
    upload = tmp_path / "two.csv"
    upload.write_text(text, encoding="utf-8")
    page.goto(f"{live_server.url}/admin/itineraries/destination/")
    page.click("text=Import CSV / JSON")
    page.set_input_files("#id_file", str(upload))
    page.click("input[type=submit]")
    changes = page.locator("#import-changes")
    assert "guoyu-castle" in changes.inner_text()
    assert "Guoyu Old" in changes.inner_text()
    shot(page, "admin-import-preview", VIEW)
    assert not Destination.objects.filter(name_en__startswith="Guoyu Old").exists()
    page.click("text=Confirm the import")
    page.wait_for_selector(".messagelist .success")
    assert "Imported two.csv: 0 new, 1 changed, 1 unchanged" in page.locator(".messagelist").inner_text()
    assert Destination.objects.filter(name_en__startswith="Guoyu Old").exists()


def test_an_editor_exports_two_selected_rows(editor_page, live_server):
    page = editor_page
    page.goto(f"{live_server.url}/admin/itineraries/destination/?q=temple")
    boxes = page.locator("input.action-select")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("select[name=action]", "export_csv")
    shot(page, "admin-export-selection", VIEW)
    with page.expect_download() as download:
        page.click("button[name=index]")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(data.decode("utf-8-sig").strip().splitlines()) == 3


def test_an_editor_is_warned_before_unpublishing_a_place_a_route_needs(editor_page, live_server):
    page = editor_page
    page.goto(f"{live_server.url}/admin/itineraries/destination/?q=shuanglin")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "unpublish")
    page.click("button[name=index]")
    warning = page.locator("#route-warning")
    assert "Follow Wukong" in warning.inner_text()
    shot(page, "admin-unpublish-warning", VIEW)
    assert Destination.objects.get(slug="shuanglin-temple").published
    page.click("text=Keep them published")
    assert Destination.objects.get(slug="shuanglin-temple").published


def test_an_editor_switches_the_admin_to_chinese(editor_page, live_server):
    page = editor_page
    page.goto(f"{live_server.url}/admin/itineraries/destination/")
    page.select_option("#admin-language", "zh-hans")
    page.click(".admin-language button")
    page.wait_for_selector("text=选择 目的地 来修改")
    assert "山西行程规划：编辑后台" in page.inner_text("#site-name")
    _change_page(page, live_server, "guoyu-castle")
    assert "开放时间" in page.inner_text("body")
    shot(page, "admin-chinese", (1440, 900, "zh-hans"))


def test_an_editor_extends_a_road_on_its_map(editor_page, live_server):
    import json

    from itineraries.catalogue.models import Road

    road = Road.objects.get(slug="qinhe-castle-ring")
    before = len(road.points)
    page = editor_page
    page.goto(f"{live_server.url}/admin/itineraries/road/{road.pk}/change/")
    box = page.locator(".admin-road-map").bounding_box()
    assert box["width"] >= 600
    assert page.locator(".admin-road-map .leaflet-marker-icon").count() >= before  # draggable vertices
    page.locator(".admin-road-map").click(position={"x": box["width"] * 0.7, "y": box["height"] * 0.3})
    line = json.loads(page.input_value("#id_geojson"))
    assert len(line["coordinates"]) == before + 1
    shot(page, "admin-road-line", VIEW)
    page.click("input[name=_continue]")
    page.wait_for_selector("#road-impact")  # what the new line changes, then the same button confirms
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    road.refresh_from_db()
    assert len(road.points) == before + 1


@pytest.mark.usefixtures("media_root")
def test_an_editor_uploads_a_photo_and_a_wrong_file_is_named_on_its_field(editor_page, live_server):
    page = editor_page
    _change_page(page, live_server, "shuanglin-temple")
    page.click("#photos-group .add-row a")
    page.set_input_files(
        "#id_photos-0-image", files=[{"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"x,y"}]
    )
    page.fill("#id_photos-0-author", "Li Na")
    page.select_option("#id_photos-0-licence", "cc-by")
    page.fill("#id_photos-0-alt_en", "Painted figures in the hall")
    page.click("input[name=_continue]")
    error = page.locator("#photos-group .errorlist").first
    assert "not a picture" in error.inner_text()
    photo = {"name": "IMG_0001.JPG", "mimeType": "image/jpeg", "buffer": camera_jpeg()}
    page.set_input_files("#id_photos-0-image", files=[photo])
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    preview = page.locator("#photos-group .field-preview img")
    assert preview.evaluate("img => img.complete && img.naturalWidth") == 180  # the stored 480 px thumbnail
    assert "600 x 1600 px" in page.inner_text("#photos-group")

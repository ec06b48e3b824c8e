"""Issue 42 in Chromium, as an editor works, in English and Chinese: a re-run asks first and keeps the tourist's
version, unpublishing counts saved trips, a published slug stays, an import lists its bad rows, a road edit shows
what it changes, and a route whose must-sees do not fit cannot be published."""

import json

import pytest
from django.contrib.auth.models import Permission, User

from itineraries.catalogue.models import Destination, Road, ThemedRoute
from itineraries.models import Itinerary
from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.admin.test_admin_browser import editor_page  # noqa: F401  (the signed-in editor's tab)
from tests.admin.test_editor_safety import CROWDED
from tests.dates import upcoming
from tests.web.conftest import shot

pytestmark = [pytest.mark.usefixtures("catalogue")]
EN, ZH = (1440, 900, "en"), (1440, 900, "zh-hans")


@pytest.fixture
def saved_trip() -> Itinerary:
    editor = User.objects.get(username="ed")  # the re-run needs the itinerary rights editors have
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["change_itinerary", "view_itinerary"]))
    tourist = User.objects.create_user("lin", password="a long pass phrase")
    request = PlanRequest(start="pingyao-ancient-city", days=2, date=upcoming(5, 4), must=("shuanglin-temple",))
    row = services.itinerary_create(request=request, owner=tourist)  # no transaction here: planned at once
    row.refresh_from_db()
    assert row.status == "done", row.error
    return row


def _language(page, url: str, lang: str) -> None:
    page.goto(f"{url}/admin/")
    page.select_option("#admin-language", lang)
    page.click(".admin-language button")
    page.wait_for_selector("#site-name")


def test_an_editor_cannot_break_what_tourists_saved(editor_page, saved_trip, live_server, tmp_path):  # noqa: F811
    page, url = editor_page, live_server.url
    result = json.dumps(saved_trip.result, sort_keys=True)

    # 1. A re-run asks first, naming the trips and whose they are, and makes a new version.
    page.goto(f"{url}/admin/itineraries/itinerary/")
    assert "Select itinerary to view" in page.inner_text("#content h1")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "rerun")
    page.click("button[name=index]")
    assert "Re-run the plan of 1 trip?" in page.inner_text("#rerun-summary")
    assert "Whose: lin (1)." in page.inner_text("#rerun-summary")
    page.fill("#id_reason", "Road data corrected")
    shot(page, "admin-rerun-confirmation", EN)
    page.click("text=Re-run as new versions")
    page.wait_for_selector(".messagelist .success")
    saved_trip.refresh_from_db()
    assert json.dumps(saved_trip.result, sort_keys=True) == result
    assert Itinerary.objects.get(trip=saved_trip.trip, version=2).origin == "rerun"

    # 4. In Chinese: unpublishing counts the saved trips that hold the place.
    _language(page, url, "zh-hans")
    page.goto(f"{url}/admin/itineraries/destination/?q=shuanglin")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "unpublish")
    page.click("button[name=index]")
    assert "已保存的行程中有 1 个包含此地，其中 1 个尚未出行" in page.inner_text("#trips-warning")
    shot(page, "admin-unpublish-trips", ZH)
    page.click("text=仍然取消发布")
    page.wait_for_selector(".messagelist .success")
    token = services.trip_share_link(trip=saved_trip.trip, on=True).share_token
    page.goto(f"{url}/trips/{saved_trip.pk}/?share={token}")
    retired = page.locator(".stop[data-slug=shuanglin-temple]")
    assert "已不再提供" in retired.inner_text()  # still in the saved trip, marked, and not linked to a 404
    assert retired.locator("a.place-link").count() == 0
    shot(page, "trip-place-no-longer-offered", ZH)

    # 2. A published slug stays: the form says why, in Chinese.
    pk = Destination.objects.get(slug="guoyu-castle").pk
    page.goto(f"{url}/admin/itineraries/destination/{pk}/change/")
    page.fill("#id_slug", "guoyu-ancient-castle")
    page.click("input[name=_continue]")
    assert "“guoyu-castle”不能更改" in page.inner_text(".field-slug")
    shot(page, "admin-slug-fixed", ZH)

    # 5. A road edit shows what it changes before it is saved, in Chinese.
    road = Road.objects.get(slug="qinhe-castle-ring")
    page.goto(f"{url}/admin/itineraries/road/{road.pk}/change/")
    assert "线路" in page.inner_text(".field-geojson label")
    box = page.locator(".admin-road-map").bounding_box()
    page.locator(".admin-road-map").click(position={"x": box["width"] * 0.7, "y": box["height"] * 0.3})
    page.click("input[name=_continue]")
    assert "此线路带来的变化" in page.inner_text("#road-impact")
    shot(page, "admin-road-impact", ZH)
    assert Road.objects.get(pk=road.pk).points == road.points
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert Road.objects.get(pk=road.pk).points != road.points

    # 3. In English: an import lists its bad rows with line, field and reason, and imports the good one.
    _language(page, url, "en")
    rows = json.loads(_export("guoyu-castle"))
    good = {**rows[0], "slug": "jiexiu-new-place", "name_en": "Jiexiu New Place", "name_zh": "介休新地"}
    bad = {**good, "slug": "Jiexiu Bad Slug", "name_en": "Bad", "name_zh": "坏"}
    upload = tmp_path / "two.json"
    upload.write_text(json.dumps([good, bad], ensure_ascii=False), encoding="utf-8")
    page.goto(f"{url}/admin/itineraries/destination/import/")
    page.set_input_files("#id_file", str(upload))
    page.click("input[type=submit]")
    assert "Jiexiu Bad Slug" in page.inner_text("#import-errors")
    assert "1 of 2 rows has problems and is left out" in page.inner_text("#import-problems")
    shot(page, "admin-import-bad-rows", EN)
    page.click("text=Confirm the import")
    page.wait_for_selector(".messagelist .warning")
    assert Destination.objects.filter(slug="jiexiu-new-place").exists()

    # 6. A route whose own must-sees do not fit cannot be published; defaults come from the model and its places.
    page.goto(f"{url}/admin/itineraries/themedroute/add/")
    assert page.input_value("#id_pace") == "normal"
    assert page.input_value("#id_start") == ""
    page.fill("#id_slug", "crowded-day")
    page.fill("#id_name_en", "Crowded day")
    page.fill("#id_name_zh", "拥挤的一天")
    page.select_option("#id_days", "1")
    page.select_option("#id_must_from", CROWDED)
    page.click("#id_must_add")
    page.fill("#id_source", "editor's test")
    page.check("#id_published")
    page.click("input[name=_save]")
    assert "leaves out its own must-see places" in page.inner_text(".field-published")
    shot(page, "admin-route-does-not-fit", EN)
    assert not ThemedRoute.objects.filter(slug="crowded-day").exists()


def _export(slug: str) -> str:
    from itineraries.catalogue import transfer

    return transfer.export_json(Destination.objects.filter(slug=slug))

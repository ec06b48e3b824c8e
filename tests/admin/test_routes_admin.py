"""Editors curate themed routes and season notes; places that routes need are not unpublished or deleted blindly."""

import pytest
from django.contrib.admin.models import LogEntry

from itineraries.catalogue.models import SeasonNote, ThemedRoute
from itineraries.models import Destination

pytestmark = pytest.mark.usefixtures("catalogue")


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


def test_an_editor_adds_a_themed_route_and_a_season_note(editor):
    assert editor.get("/admin/itineraries/themedroute/").status_code == 200
    response = editor.post("/admin/itineraries/themedroute/add/", route_form())
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert ThemedRoute.objects.get(slug="castle-day").must == ["guoyu-castle"]
    assert "castle-day" in [r["slug"] for r in editor.get("/api/v1/routes/").json()]
    note = {"city": "Jincheng", "months": ["7", "8"], "note_en": "Hot", "note_zh": "炎热", "source": "test"}
    assert editor.post("/admin/itineraries/seasonnote/add/", note).status_code == 302
    assert SeasonNote.objects.get(note_en="Hot").months == [7, 8]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"must": ["no-such-temple"]}, "must"),
        ({"mode": "helicopter"}, "mode"),
        ({"days": "40"}, "days"),
        ({"start": "nowhere"}, "start"),
        ({"source": ""}, "source"),
    ],
)
def test_a_route_with_a_bad_value_is_refused_naming_the_field(editor, change, field):
    response = editor.post("/admin/itineraries/themedroute/add/", route_form(**change))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<div class="form-row errors field-{field}' in body
    assert not ThemedRoute.objects.filter(slug="castle-day").exists()


def test_a_season_note_for_an_unknown_city_or_without_months_is_refused(editor):
    note = {"city": "Atlantis", "months": [], "note_en": "x", "note_zh": "x", "source": "t"}
    body = editor.post("/admin/itineraries/seasonnote/add/", note).content.decode()
    assert "errors field-city" in body
    assert "errors field-months" in body
    assert not SeasonNote.objects.filter(city="Atlantis").exists()


def _change_form(place: Destination, **changes) -> dict:
    from tests.admin.test_editor_admin import change_form

    data = change_form(place.slug, **changes)
    return data


def test_unpublishing_a_place_a_route_needs_asks_first_and_names_the_route(editor):
    castle = Destination.objects.get(slug="guoyu-castle")
    data = _change_form(castle)
    data.pop("published")
    body = editor.post(f"/admin/itineraries/destination/{castle.pk}/change/", data).content.decode()
    assert "Themed routes need this place" in body
    assert "qinhe-castle-ring" in body
    assert Destination.objects.get(slug="guoyu-castle").published
    data["unpublish_anyway"] = "on"
    assert editor.post(f"/admin/itineraries/destination/{castle.pk}/change/", data).status_code == 302
    assert not Destination.objects.get(slug="guoyu-castle").published
    listed = [r["slug"] for r in editor.get("/api/v1/routes/").json()]
    assert "qinhe-castle-ring" not in listed
    assert "follow-wukong" in listed


def test_the_unpublish_action_confirms_naming_the_routes_and_logs_each_place(editor):
    rows = Destination.objects.filter(slug__in=["shuanglin-temple", "wangmangling"])
    data = {"action": "unpublish", "_selected_action": [str(d.pk) for d in rows]}
    body = editor.post("/admin/itineraries/destination/", data).content.decode()
    assert 'id="route-warning"' in body
    assert "follow-wukong" in body
    assert "taihang-no1-jincheng" in body
    assert Destination.objects.filter(slug="shuanglin-temple", published=True).exists()
    editor.post("/admin/itineraries/destination/", {**data, "confirm": "yes"})
    assert not Destination.objects.filter(slug__in=["shuanglin-temple", "wangmangling"], published=True).exists()
    for place in rows:
        assert LogEntry.objects.filter(object_id=str(place.pk), change_message="Unpublished").exists()


def test_deleting_a_place_a_route_needs_warns_on_both_confirmation_pages(editor):
    castle = Destination.objects.get(slug="guoyu-castle")
    body = editor.get(f"/admin/itineraries/destination/{castle.pk}/delete/").content.decode()
    assert 'id="route-warning"' in body
    assert "qinhe-castle-ring" in body
    data = {"action": "delete_selected", "_selected_action": [str(castle.pk)]}
    body = editor.post("/admin/itineraries/destination/", data).content.decode()
    assert 'id="route-warning"' in body
    assert "qinhe-castle-ring" in body
    lonely = Destination.objects.filter(kind="lodging").first()
    body = editor.get(f"/admin/itineraries/destination/{lonely.pk}/delete/").content.decode()
    assert 'id="route-warning"' not in body

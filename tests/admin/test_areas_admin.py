"""Editors curate areas: the places in a walled town, one area per place."""

import pytest

from itineraries.catalogue.models import Area
from itineraries.models import Destination

pytestmark = pytest.mark.usefixtures("catalogue")


def _ids(*slugs: str) -> list[str]:
    return [str(Destination.objects.get(slug=s).pk) for s in slugs]


def test_an_editor_adds_a_castle_area_and_its_places_point_at_it(editor):
    assert editor.get("/admin/itineraries/area/").status_code == 200
    form = {
        "slug": "douzhuang-xiangyu",
        "name_en": "Douzhuang and Xiangyu",
        "name_zh": "窦庄与湘峪",
        "kind": "castle_village",
        "source": "editor's survey",
        "members": _ids("douzhuang-castle", "xiangyu-castle"),
    }
    response = editor.post("/admin/itineraries/area/add/", form)
    assert response.status_code == 302, response.content.decode()[-1500:]
    area = Area.objects.get(slug="douzhuang-xiangyu")
    assert set(area.members.values_list("slug", flat=True)) == {"douzhuang-castle", "xiangyu-castle"}
    form["members"] = _ids("douzhuang-castle")
    assert editor.post(f"/admin/itineraries/area/{area.pk}/change/", form).status_code == 302
    assert Destination.objects.get(slug="xiangyu-castle").area is None


def test_a_place_already_in_another_area_is_refused_by_name(editor):
    form = {
        "slug": "walls-again",
        "name_en": "Walls again",
        "name_zh": "再次城墙",
        "kind": "walled_town",
        "source": "editor",
        "members": _ids("pingyao-city-wall"),
    }
    response = editor.post("/admin/itineraries/area/add/", form)
    assert response.status_code == 200
    assert "Already in another area: Pingyao City Wall." in response.content.decode()
    assert not Area.objects.filter(slug="walls-again").exists()

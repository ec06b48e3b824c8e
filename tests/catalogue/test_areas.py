"""Areas from seeds/areas.json: a walled town's sights and its inn point at the area; bad records are named."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from itineraries.catalogue.models import Area, Destination
from tests.conftest import SEEDS

PINGYAO = {
    "pingyao-ancient-city",
    "pingyao-city-wall",
    "pingyao-county-government-office",
    "pingyao-confucian-temple",
    "qingxu-guan",
    "rishengchang-draft-bank",
    "stay-pingyao-old-town",
}


def load(directory=SEEDS):
    call_command("loadseeds", dir=str(directory), stdout=io.StringIO())


@pytest.mark.django_db
def test_the_walled_town_holds_its_sights_and_its_inn_and_nothing_outside_the_walls():
    load()
    town = Area.objects.get(slug="pingyao-walled-town")
    assert set(town.members.values_list("slug", flat=True)) == PINGYAO
    assert Destination.objects.get(slug="shuanglin-temple").area is None
    assert town.kind == Area.Kind.WALLED_TOWN
    assert town.source


def _with_areas(tmp_path, mutate):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    data = json.loads((target / "areas.json").read_text())
    mutate(data)
    (target / "areas.json").write_text(json.dumps(data, ensure_ascii=False))
    return target


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda data: data[0]["members"].append("no-such-place"), "names no sight or lodging: 'no-such-place'"),
        (lambda data: data[1]["members"].append("qingxu-guan"), "'qingxu-guan' is in another area too"),
        (lambda data: data[0].update(kind="city"), "kind"),
        (lambda data: data[0].pop("source"), "source is required"),
    ],
)
def test_a_broken_area_is_named_and_nothing_is_written(tmp_path, mutate, words):
    with pytest.raises(CommandError) as err:
        load(_with_areas(tmp_path, mutate))
    assert "areas.json" in str(err.value)
    assert words in str(err.value)
    assert Area.objects.count() == 0


@pytest.mark.django_db
def test_a_place_dropped_from_an_area_leaves_it(tmp_path):
    load()
    load(_with_areas(tmp_path, lambda data: data[0]["members"].remove("qingxu-guan")))
    assert Destination.objects.get(slug="qingxu-guan").area is None
    assert Destination.objects.get(slug="pingyao-city-wall").area.slug == "pingyao-walled-town"

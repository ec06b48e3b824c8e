"""Sources a reader can follow: records link to named sources; pages and the API show publisher, title, date."""

import json

import pytest

from itineraries.catalogue.models import Destination, Source
from itineraries.catalogue.sources import cited_text, source_keys
from tests.conftest import SEEDS

SOURCES = json.loads((SEEDS / "sources.json").read_text(encoding="utf-8"))


def test_every_seeded_record_cites_a_named_source():
    for name in ("destinations", "lodging", "towns"):
        for record in json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8")):
            assert source_keys(cited_text(record), SOURCES), record["slug"]


def test_the_two_articles_have_titles_and_publishers():
    articles = [s for s in SOURCES if s["key"].startswith("article-")]
    assert len(articles) == 2
    assert all(s["title"] and s["publisher"] and s["date"] for s in articles)


@pytest.mark.usefixtures("catalogue")
def test_a_place_page_names_its_sources_not_file_keys(client):
    body = client.get("/places/henghe-cycling-town/").content.decode()
    assert "China News Service" in body
    assert "article:000_" not in body
    assert "reference:shanxi-places.md" not in body


@pytest.mark.usefixtures("catalogue")
def test_the_api_lists_a_places_sources_and_pass(client):
    data = client.get("/api/v1/destinations/pingyao-city-wall/").json()
    assert data["ticket_pass"] == "pingyao-ancient-city-pass"
    assert {"publisher", "title", "date", "url"} <= set(data["sources"][0])
    assert Source.objects.count() == len(SOURCES)
    assert Destination.objects.filter(sources=None).count() == 0

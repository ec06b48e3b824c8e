"""Places an article mentions: catalogue matches, and Shanxi towns not yet in the catalogue as drafts."""

import pytest

from itineraries.catalogue import articles
from itineraries.catalogue.models import Destination

pytestmark = pytest.mark.usefixtures("catalogue")
TEXT = (
    "Visitors to Shuanglin Temple admire its painted sculptures. "
    "A new cycling road now reaches Dayang Ancient Town from the east. "
    "Farmers near Changzhi open guesthouses this spring."
)


def test_catalogue_places_are_matched_with_their_sentence():
    found = {m.slug: m for m in articles.mentions(TEXT) if m.slug}
    assert set(found) >= {"shuanglin-temple", "dayang-ancient-town"}
    assert found["dayang-ancient-town"].sentence.startswith("A new cycling road")


def test_a_known_town_that_is_not_in_the_catalogue_becomes_an_unpublished_draft():
    new = [m for m in articles.mentions(TEXT) if m.slug is None]
    assert [m.name for m in new] == ["Changzhi"]
    drafts = articles.drafts_create(new, source="article:test.txt")
    assert [d.slug for d in drafts] == ["changzhi"]
    draft = Destination.objects.get(slug="changzhi")
    assert not draft.published
    assert draft.added
    assert draft.confidence == "LOW"
    assert "Farmers near Changzhi" in draft.source


def test_towns_in_the_catalogue_are_reported_whatever_their_case():
    found = {m.slug: m for m in articles.mentions("Buses leave TAIYUAN at dawn. Pingyao is busy in May.")}
    assert found["taiyuan"].status == "catalogue"
    assert found["pingyao"].sentence == "Pingyao is busy in May."


def test_a_county_by_its_english_name_is_a_new_place_named_by_the_gazetteer():
    found = articles.mentions("Qi County has restored its merchant houses.")
    assert [(m.name, m.status, m.name_zh) for m in found] == [("Qixian", "new", "祁县")]


def test_a_namesake_in_another_province_is_not_offered():
    assert articles.mentions("A delegation from Kunshan in Jiangsu visited the fair.") == []
    assert articles.mentions("Jiangsu's Kunshan sent a delegation.") == []
    assert [m.name for m in articles.mentions("The road climbs past Kunshan to the cliffs.")] == ["Kunshan"]


def test_a_draft_shows_as_a_draft_in_later_articles_and_has_a_city():
    text = "Farmers near Changzhi open guesthouses this spring."
    (draft,) = articles.drafts_create(articles.mentions(text), source="test")
    assert draft.city == "Changzhi"
    (again,) = articles.mentions(text)
    assert (again.slug, again.status) == ("changzhi", "draft")
    assert articles.drafts_create([again], source="test") == []

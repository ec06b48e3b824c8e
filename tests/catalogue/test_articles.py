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

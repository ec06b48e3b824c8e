"""Issue 41, item 7: a place named with markup (by an import) was written raw into every admin map's data
(`{{ map|safe }}`): the markup rendered and the maps broke. The data now goes out through json_script."""

import json
import re

import pytest

from itineraries.models import Destination, Road

pytestmark = pytest.mark.usefixtures("catalogue")
HOSTILE = "</script><img src=x onerror=alert(1)><b>x</b>"


def map_data(body: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script[^>]*type="application/json">(.*?)</script>', body, re.S)]


@pytest.mark.parametrize("page", ["destination", "road"])
def test_a_place_named_with_markup_stays_text_on_admin_maps(editor, page):
    Destination.objects.filter(slug="guoyu-castle").update(name_en=HOSTILE)
    pk = (Destination if page == "destination" else Road).objects.order_by("pk").first().pk
    body = editor.get(f"/admin/itineraries/{page}/{pk}/change/").content.decode()
    assert "<b>x</b>" not in body
    assert "<img src=x" not in body
    assert "|safe" not in body
    (data,) = map_data(body)
    assert any(p["name"].startswith(HOSTILE) for p in data["places"])  # the name arrives intact, as text

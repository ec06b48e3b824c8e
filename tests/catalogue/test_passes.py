"""Ticket passes: sights on a pass take its price and never open outside its hours."""

import json
import re
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from itineraries.catalogue.models import Destination, TicketPass
from itineraries.catalogue.passes import hours_outside_pass
from tests.conftest import SEEDS

PASS = [{"from": "01-01", "to": "12-31", "days": "daily", "open": "08:00", "close": "18:00"}]


def test_a_sight_closing_after_its_pass_is_found():
    late = [{"from": "04-01", "to": "10-31", "days": "daily", "open": "08:00", "close": "18:30"}]
    assert hours_outside_pass(late, PASS) == ["04-01"]
    assert hours_outside_pass(PASS, PASS) == []


def test_the_seeded_passes_cover_their_sights(catalogue):
    pingyao = TicketPass.objects.get(slug="pingyao-ancient-city-pass")
    assert pingyao.price_cny == 125
    sights = set(pingyao.sights.values_list("slug", flat=True))
    assert {"pingyao-city-wall", "pingyao-county-government-office", "rishengchang-draft-bank"} <= sights
    wall = Destination.objects.get(slug="pingyao-city-wall")
    assert wall.ticket_cny == 125
    assert "Pingyao Ancient City pass" in wall.ticket_source
    xiyagou = Destination.objects.get(slug="xiyagou-hanging-road")
    assert xiyagou.ticket_pass.slug == "wangmangling-ticket"
    assert xiyagou.ticket_cny == 80


def test_no_sight_opens_outside_its_pass(catalogue):
    for sight in Destination.objects.exclude(ticket_pass=None).select_related("ticket_pass"):
        assert hours_outside_pass(sight.opening_hours, sight.ticket_pass.opening_hours) == [], sight.slug


@pytest.mark.django_db
def test_the_loader_refuses_a_sight_open_after_its_pass(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    data = json.loads((target / "destinations.json").read_text())
    wall = next(d for d in data if d["slug"] == "rishengchang-draft-bank")
    wall["hours"] = [{"from": "01-01", "to": "12-31", "days": "daily", "open": "08:00", "close": "19:00"}]
    (target / "destinations.json").write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(CommandError, match="pingyao-ancient-city-pass"):
        call_command("loadseeds", "--dir", str(target), verbosity=0)


def test_every_sights_ticket_and_hours_rest_on_a_recent_source_a_pass_or_an_estimate():
    """Issue 40: a ticket or opening time cites a source read for 2024 or later, or is flagged estimated."""
    recent = re.compile(r"202[4-9]")
    stale = []
    for record in json.loads((SEEDS / "destinations.json").read_text(encoding="utf-8")):
        ticket = record.get("ticket_cny") is not None and not record.get("ticket_pass")
        if ticket and not record.get("ticket_estimated") and not recent.search(record.get("ticket_source", "")):
            stale.append(f"{record['slug']}: ticket")
        hours = record.get("hours") and not record.get("hours_estimated")
        if hours and not recent.search(record.get("hours_source", "")):
            stale.append(f"{record['slug']}: hours")
    assert stale == []

"""Find the places a news article mentions: catalogue matches and Shanxi towns not yet in the catalogue."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from itineraries.catalogue.models import Destination

_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")


@dataclass(frozen=True)
class Mention:
    name: str
    sentence: str
    slug: str | None  # catalogue slug when it matches, else None
    lat: float | None = None
    lon: float | None = None
    name_zh: str = ""


def gazetteer() -> dict[str, dict]:
    """Shanxi towns and junctions known to the road seeds: {english name: {lat, lon, name_zh}}."""
    path = Path(settings.BASE_DIR) / "seeds" / "roads.json"
    waypoints = json.loads(path.read_text(encoding="utf-8"))["waypoints"]
    out = {}
    for key, point in waypoints.items():
        name = key.replace("-", " ").title()
        out[name] = {"lat": point["lat"], "lon": point["lon"], "name_zh": point["name_zh"].split("(")[0]}
    return out


def _names(d: Destination) -> list[str]:
    names = [d.name_en, d.name_zh, d.name_pinyin]
    names += [d.name_en.split(" (")[0], d.name_en.split(",")[0]]
    return [n for n in dict.fromkeys(names) if n and len(n) >= 3]


def mentions(text: str) -> list[Mention]:
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    found: list[Mention] = []
    seen: set[str] = set()
    for d in Destination.objects.filter(kind=Destination.Kind.SIGHT):
        for name in _names(d):
            sentence = next((s for s in sentences if name.lower() in s.lower()), None)
            if sentence and d.slug not in seen:
                seen.add(d.slug)
                found.append(Mention(name, sentence, d.slug))
                break
    known_places = {d.name_en.lower() for d in Destination.objects.all()}
    for name, info in gazetteer().items():
        pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
        sentence = next((s for s in sentences if pattern.search(s) or info["name_zh"] in s), None)
        if sentence is None or any(name.lower() in k for k in known_places):
            continue
        slug = slugify(name)
        if slug in seen or Destination.objects.filter(slug=slug).exists():
            continue
        seen.add(slug)
        found.append(Mention(name, sentence, None, info["lat"], info["lon"], info["name_zh"]))
    return found


def drafts_create(found: list[Mention], *, source: str) -> list[Destination]:
    """Unpublished destinations for the new places, for an editor to review."""
    created = []
    for m in found:
        if m.slug is not None or m.lat is None:
            continue
        created.append(
            Destination.objects.create(
                slug=slugify(m.name),
                kind=Destination.Kind.SIGHT,
                name_en=m.name,
                name_zh=m.name_zh or m.name,
                lat=m.lat,
                lon=m.lon,
                city="",
                county="",
                categories=[],
                weight=3,
                visit_minutes=60,
                source=f"{source}: “{m.sentence[:300]}”",
                confidence=Destination.Confidence.LOW,
                added=True,
                published=False,
            )
        )
    return created

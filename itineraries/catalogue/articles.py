"""Find the places a news article mentions: catalogue places (and drafts), and Shanxi towns not yet in it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify
from geopy.distance import geodesic

from itineraries.catalogue.models import Destination

_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
# A town of the same name elsewhere in China ("Kunshan in Jiangsu") is not a Shanxi place.
OTHER_PROVINCES = (
    "Beijing|Tianjin|Hebei|Inner Mongolia|Liaoning|Jilin|Heilongjiang|Shanghai|Jiangsu|Zhejiang|Anhui|Fujian|"
    "Jiangxi|Shandong|Henan|Hubei|Hunan|Guangdong|Guangxi|Hainan|Chongqing|Sichuan|Guizhou|Yunnan|Tibet|"
    "Shaanxi|Gansu|Qinghai|Ningxia|Xinjiang|Hong Kong|Macau|Taiwan|"
    "北京|天津|河北|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|"
    "贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾"
)


@dataclass(frozen=True)
class Mention:
    name: str
    sentence: str
    slug: str | None  # the catalogue's slug when the place is in it (published or a draft), else None
    lat: float | None = None
    lon: float | None = None
    name_zh: str = ""
    draft: bool = False  # in the catalogue as an unpublished draft

    @property
    def status(self) -> str:
        return "new" if self.slug is None else ("draft" if self.draft else "catalogue")


def gazetteer() -> dict[str, dict]:
    """Shanxi towns and junctions known to the road seeds: {english name: {lat, lon, name_zh, aliases}}."""
    path = Path(settings.BASE_DIR) / "seeds" / "roads.json"
    waypoints = json.loads(path.read_text(encoding="utf-8"))["waypoints"]
    out = {}
    for key, point in waypoints.items():
        name = key.replace("-", " ").title()
        aliases = [name]
        if key.endswith("xian") and len(key) > 5:
            aliases.append(f"{key[:-4].title()} County")  # Qixian is Qi County
        out[name] = {
            "lat": point["lat"],
            "lon": point["lon"],
            "name_zh": point["name_zh"].split("(")[0],
            "aliases": aliases,
        }
    return out


def _names(d: Destination) -> list[str]:
    names = [d.name_en, d.name_zh, d.name_pinyin]
    names += [d.name_en.split(" (")[0], d.name_en.split(",")[0]]
    if d.kind == Destination.Kind.TOWN:
        names += [d.name_en.removesuffix(" county town"), d.county]
    return sorted({n for n in names if n and len(n) >= 2 and (len(n) >= 3 or not n.isascii())}, key=len, reverse=True)


def _pattern(name: str) -> re.Pattern[str]:
    if name.isascii():
        return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    return re.compile(re.escape(name))


def _elsewhere(name: str, sentence: str) -> bool:
    place = re.escape(name)
    after = rf"{place}\W+(?:in\s+|,\s*)?(?:the\s+)?(?:{OTHER_PROVINCES})"
    before = rf"(?:{OTHER_PROVINCES})(?:['\u2019]s|\s+province's)?\W*{place}"
    return bool(re.search(after, sentence, re.IGNORECASE) or re.search(before, sentence, re.IGNORECASE))


def _find(names: list[str], sentences: list[str]) -> tuple[str, str, int] | None:
    """The first of the names found in a sentence: (name, sentence, sentence index)."""
    for name in names:
        pattern = _pattern(name)
        for i, sentence in enumerate(sentences):
            match = pattern.search(sentence)
            if match and not _elsewhere(match.group(0), sentence):
                return match.group(0), sentence, i
    return None


def mentions(text: str) -> list[Mention]:
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    masked = list(sentences)  # a longer name found first hides its words from shorter ones ("Pingyao Ancient City")
    found: list[Mention] = []
    seen: set[str] = set()
    places = sorted(
        Destination.objects.filter(kind__in=[Destination.Kind.SIGHT, Destination.Kind.TOWN]),
        key=lambda d: (d.kind != Destination.Kind.SIGHT, -len(d.name_en)),
    )
    for d in places:
        hit = _find(_names(d), masked)
        if hit is None or d.slug in seen:
            continue
        name, _sentence, i = hit
        seen.add(d.slug)
        found.append(Mention(name, sentences[i], d.slug, draft=not d.published))
        masked[i] = _pattern(name).sub(lambda m: " " * len(m.group(0)), masked[i])
    for name, info in gazetteer().items():
        hit = _find([*info["aliases"], info["name_zh"]], masked)
        slug = slugify(name)
        if hit is None or slug in seen:
            continue
        seen.add(slug)
        found.append(Mention(name, sentences[hit[2]], None, info["lat"], info["lon"], info["name_zh"]))
    return found


def _nearest_city(lat: float, lon: float) -> str:
    places = Destination.objects.exclude(city="").only("city", "lat", "lon")
    nearest = min(places, key=lambda d: geodesic((lat, lon), (d.lat, d.lon)).km, default=None)
    return nearest.city if nearest else ""


def drafts_create(found: list[Mention], *, source: str) -> list[Destination]:
    """Unpublished destinations for the new places, for an editor to review."""
    created = []
    for m in found:
        if m.slug is not None or m.lat is None or m.lon is None:
            continue
        created.append(
            Destination.objects.create(
                slug=slugify(m.name),
                kind=Destination.Kind.SIGHT,
                name_en=m.name,
                name_zh=m.name_zh or m.name,
                lat=m.lat,
                lon=m.lon,
                city=_nearest_city(m.lat, m.lon),
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

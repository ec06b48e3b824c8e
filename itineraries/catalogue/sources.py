"""Sources a reader can follow: seeds/sources.json names each page or article once (publisher, title, date,
address) with the strings by which records cite it; a record links to every source its citations name."""

from __future__ import annotations

import re

from itineraries.catalogue.models import Destination, Source

CITED_FIELDS = ("source", "hours_source", "ticket_source")
_ARTICLE = re.compile(r"article:(\d{3}_[0-9a-f]{16})\.txt")
_REFERENCE = re.compile(r"reference:shanxi-places\.md")


def cited_text(record: dict | Destination) -> str:
    get = record.get if isinstance(record, dict) else lambda name, default="": getattr(record, name, default)
    return " ".join(str(get(name, "") or "") for name in CITED_FIELDS).lower()


def source_keys(text: str, sources: list[dict]) -> list[str]:
    """The keys of the sources whose citation strings occur in the (lower-cased) text."""
    return [s["key"] for s in sources if any(m.lower() in text for m in s.get("match", []))]


def sources_link(*, sources: list[dict]) -> int:
    """Upsert the sources and link every destination to those it cites; returns how many links were set."""
    for record in sources:
        fields = {k: record.get(k, "") for k in ("publisher", "title", "date", "url")}
        Source.objects.update_or_create(key=record["key"], defaults=fields)
    by_key = {s.key: s for s in Source.objects.filter(key__in=[r["key"] for r in sources])}
    links = 0
    for place in Destination.objects.all():
        keys = source_keys(cited_text(place), sources)
        place.sources.set([by_key[k] for k in keys])
        links += len(keys)
    return links


# The seed articles by their file names, which is how the seeds cite them.
ARTICLE_FILES = {
    "000_bfe872bd9a934e52": "article-jincheng-health-city",
    "004_4034a744fc60485e": "article-shanxi-urbanization",
}


def citation(source: Source) -> str:
    return f"{source.publisher}, “{source.title}”" + (f" ({source.date})" if source.date else "")


def readable(text: str, sources: list[Source]) -> str:
    """A record's note with the file keys of the articles and the reference replaced by what a reader can find."""
    by_key = {s.key: s for s in sources}

    def article(match: re.Match) -> str:
        found = by_key.get(ARTICLE_FILES.get(match.group(1), ""))
        return f"the article {citation(found)}" if found else match.group(0)

    text = _ARTICLE.sub(article, text)
    return _REFERENCE.sub("the project's place reference (docs/reference/shanxi-places.md)", text)

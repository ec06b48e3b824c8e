"""If-Match on the API's writes: a client sends back the ETag of the version it read, and the write is refused
(412, with what changed and the latest version) when the trip changed since. Without If-Match a write is
not checked, as before.

- A write that adds a version (edit, restore, re-plan) is stale when the version the tag names is no longer
  the trip's newest, or the tag is not the version's current one.
- A rename or notes change (PATCH) is stale when the trip's name or notes changed since the tag was made.
"""

from __future__ import annotations

from rest_framework.request import Request

from itineraries.trips import selectors as trips
from itineraries.trips.concurrency import Base
from itineraries.trips.models import Itinerary

UNKNOWN_VERSION = -1  # a tag of another version, or of another state of this one: never the newest


def _tags(request: Request) -> list[str] | None:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def _split(tag: str) -> tuple[str, str, str] | None:
    """(the version's part, name digest, notes digest) of one of our tags."""
    parts = tag.strip('"').rsplit("-", 2)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def base_for_version(request: Request, version: Itinerary) -> Base | None:
    """The base a version-adding write claims, from If-Match (None: the client did not send one)."""
    tags = _tags(request)
    if tags is None or "*" in tags:
        return None
    current = trips.version_etag(version)
    mine = _split(current) if current else None
    matches = mine is not None and any((s := _split(t)) is not None and s[0] == mine[0] for t in tags)
    return Base(version=version.version if matches else UNKNOWN_VERSION)


def base_for_settings(request: Request) -> Base | None:
    """The base a rename or notes change claims: the name and notes digests in the tag it sends back."""
    tags = _tags(request)
    if tags is None or "*" in tags:
        return None
    split = _split(tags[0])
    if split is None:
        return Base(name_digest="?", notes_digest="?")  # not one of ours: whatever the trip holds, it changed
    return Base(name_digest=split[1], notes_digest=split[2])

"""What the trip page shows of a finished plan: days, stops, legs, what a re-plan changed, and hand-offs."""

from __future__ import annotations

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.display import chinese, display_name
from itineraries.trips.facts import is_open_access
from itineraries.trips.models import Itinerary, Origin
from itineraries.trips.trip_result import Changes, Place, Problem, TripResult
from itineraries.trips.wording import problem_text
from itineraries.web.navigation import Point, day_link_limits, route_links
from itineraries.web.photos import shown
from itineraries.web.trip_access import TripView


def _point(place: Place) -> Point:
    return Point(place.lat, place.lon, place.name_zh if chinese() else place.name_en)


def _change_of(slug: str, changes: Changes | None) -> str:
    if not changes:
        return ""
    if slug in changes.added:
        return "added"
    if slug in changes.moved:
        return "moved"
    return ""


def timeline(itinerary: Itinerary, result: TripResult) -> list[dict]:
    days = []
    pinned = set(itinerary.request.get("must", []))
    mode = result.mode
    changes = result.changes
    retired = set(catalogue.places_retired({stop.slug for stop in result.stops}))
    photos = {
        slug: shown(photo) for slug, photo in catalogue.photos_first({stop.slug for stop in result.stops}).items()
    }
    for n, day in enumerate(result.days, start=1):
        places: list[Place] = [day.start, *day.stops, day.end]
        rows = []
        lunch = day.lunch
        for k, (leg, stop) in enumerate(zip(day.legs, day.stops, strict=False)):
            rows.append(
                {
                    "leg": leg,
                    "leg_links": route_links(_point(places[k]), _point(stop), [], mode) if leg.km else [],
                    "stop": stop,
                    "label": display_name(stop.name_en, stop.name_zh),
                    "pinned": stop.slug in pinned,
                    "retired": stop.slug in retired,
                    "open_access": is_open_access(stop),
                    "change": _change_of(stop.slug, changes),
                    "lunch": lunch if lunch and lunch.after == stop.slug and not lunch.before else None,
                    "lunch_before": lunch if lunch and lunch.before == stop.slug else None,
                    "problem": _in_language(stop.problem),
                    "position": k + 1,
                    "photo": photos.get(stop.slug),
                }
            )
        night = day.lodging or day.end
        last_leg = day.legs[-1]
        days.append(
            {
                "n": n,
                "day": day,
                "date": day.date,
                "rows": rows,
                "last_leg": last_leg,
                "last_leg_links": route_links(_point(places[-2]), _point(places[-1]), [], mode) if last_leg.km else [],
                "day_links": route_links(_point(day.start), _point(day.end), [_point(s) for s in day.stops], mode)
                if day.drive_km
                else [],
                "day_link_limits": day_link_limits(len(day.stops)) if day.drive_km else [],
                "night": display_name(night.name_en, night.name_zh),
                "is_lodging": bool(day.lodging),
                "start": display_name(day.start.name_en, day.start.name_zh),
                "problems": [_in_language(p) for p in day.problems if not p.slug],
            }
        )
    return days


def _in_language(problem: Problem | None) -> str:
    return problem_text(problem) if problem else ""


def versions(view: TripView) -> list[dict]:
    """The trip's versions, newest first, with how each was made."""
    rows = view.trip.versions.order_by("-version").only("id", "version", "origin", "created_at", "status")
    return [
        {
            "v": row,
            "label": Origin(row.origin).label,
            "shown": row.pk == view.itinerary.pk,
            "latest": row.pk == view.latest.pk,
        }
        for row in rows
    ]


def share_url(request: HttpRequest, view: TripView) -> str:
    """The link to give a companion: the trip's own link, or its read-only link when the trip is private."""
    url = request.build_absolute_uri(reverse("web:trip", args=[view.trip.pk]))
    if view.trip.owner_id is not None and view.trip.share_token:
        return f"{url}?share={view.trip.share_token}"
    return url


def start_name(itinerary: Itinerary) -> str:
    """Where the trip starts, for its title: both names in English (the Chinese one is on the signs), the Chinese
    name alone on a Chinese page; from the catalogue while the plan is still being made."""
    if itinerary.result:
        start = itinerary.trip_result.days[0].start
        return _title_name(start.name_en, start.name_zh)
    place = catalogue.destination_list().filter(slug=itinerary.request.get("start", "")).first()
    return _title_name(place.name_en, place.name_zh) if place else itinerary.request.get("start", "")


def _title_name(name_en: str, name_zh: str) -> str:
    return name_zh if chinese() else display_name(name_en, name_zh)


def season_notes(result: TripResult) -> list[str]:
    """Each distinct season note of the trip once, in the page's language (they depend on the area, not the day)."""
    notes: list[str] = []
    for day in result.days:
        note = day.season_note
        if note:
            text = note.zh if chinese() else note.en
            if text not in notes:
                notes.append(text)
    return notes


def removed_places(changes: Changes, labels: dict[str, str]) -> list[str]:
    return [labels.get(slug, slug) for slug in changes.removed]


def changes_summary(changes: Changes, removed: list[str]) -> str:
    """What a re-plan or an edit changed, as one sentence punctuated as the page's language punctuates."""
    parts = [
        ngettext("%(n)s place added", "%(n)s places added", len(changes.added)) % {"n": len(changes.added)},
        ngettext("%(n)s moved to another day", "%(n)s moved to another day", len(changes.moved))
        % {"n": len(changes.moved)},
        ngettext("%(n)s removed", "%(n)s removed", len(changes.removed)) % {"n": len(changes.removed)},
    ]
    text = pgettext("between clauses of a sentence", ", ").join(parts)
    if removed:
        text += pgettext("before a list of names", ": ") + pgettext("between names in a list", ", ").join(removed)
    return text + pgettext("end of a sentence", ".")


def share_qr_svg(url: str) -> str:
    """The share link as an inline SVG QR code, for a phone to scan off a screen or a print-out."""
    return segno.make(url, error="m").svg_inline(scale=3, title=_("QR code of the share link"))

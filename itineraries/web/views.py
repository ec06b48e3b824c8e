from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import replace
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from itineraries.catalogue import selectors
from itineraries.catalogue.choices import INTEREST_CHOICES, MAX_DAYS, MODE_WORDS
from itineraries.catalogue.display import DAY_COLOURS, chinese, display_name, to_display
from itineraries.catalogue.models import Destination, ThemedRoute
from itineraries.http.claims import remember_planned
from itineraries.http.throttle import throttle_wait
from itineraries.routing.warming import solver_ready
from itineraries.trips import exports, services
from itineraries.trips.access import Role
from itineraries.trips.errors import InvalidRequest
from itineraries.trips.models import Itinerary
from itineraries.trips.request import PlanRequest
from itineraries.trips.validation import plan_input_from, plan_request_build, replan_places_check
from itineraries.trips.wording import advice_text, failure_text, missing_reason, refusals
from itineraries.web import place_page, trip_page
from itineraries.web.area_names import area_line
from itineraries.web.conflicts import base_from_post
from itineraries.web.display import result_for_map
from itineraries.web.forms import PlanForm
from itineraries.web.photos import shown
from itineraries.web.trip_access import trip_view, version_view


def throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """POSTs that start a plan share the API's rate limit; the page says when to try again."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        wait = throttle_wait(request) if request.method == "POST" else None
        if wait is None:
            return view(request, *args, **kwargs)
        seconds = max(1, math.ceil(wait))
        response = render(request, "itineraries/too_many.html", {"seconds": seconds}, status=429)
        response["Retry-After"] = str(seconds)
        return response

    return wrapper


def _map_settings() -> dict:
    day = _("Day %(n)s") % {"n": "#"}  # the map's popups put the day's number in place of "#"
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "day": day,
        "day_colours": DAY_COLOURS,
    }


def _label(d: Destination) -> str:
    return display_name(d.name_en, d.name_zh)


def _sort_key(d: Destination) -> str:
    """Alphabetical as the reader expects it: by pinyin on the Chinese page, by English name otherwise."""
    return (d.name_pinyin or d.name_en).lower() if chinese() else d.name_en.lower()


def home(request: HttpRequest) -> HttpResponse:
    sights = [d for d in selectors.destination_list() if d.kind == Destination.Kind.SIGHT]
    themes = []
    for key, label in INTEREST_CHOICES:
        members = [d for d in sights if key in d.categories]
        if members:
            themes.append({"key": key, "label": label, "places": sorted(members, key=lambda d: -d.weight)})
    points = [
        {
            "slug": d.slug,
            "name": _label(d),
            "lat": to_display(d.lat, d.lon)[0],
            "lon": to_display(d.lat, d.lon)[1],
            "categories": d.categories,
        }
        for d in sights
    ]
    routes = [
        {
            "route": r,
            "name": display_name(r.name_en, r.name_zh),
            "description": r.description_zh if chinese() else r.description_en,
        }
        for r in selectors.route_list()
    ]
    return render(
        request,
        "itineraries/home.html",
        {"themes": themes, "points": points, "map": _map_settings(), "count": len(sights), "routes": routes},
    )


def _form(data=None, route: ThemedRoute | None = None, must: str | None = None) -> PlanForm:
    places = sorted(selectors.destination_list(), key=_sort_key)
    starts = [
        (d.slug, _label(d))
        for d in sorted(places, key=lambda d: d.kind != Destination.Kind.TOWN)
        if d.kind in (Destination.Kind.TOWN, Destination.Kind.SIGHT)
    ]
    sights = [(d.slug, _label(d)) for d in places if d.kind == Destination.Kind.SIGHT]
    initial: dict = {"start": "pingyao-ancient-city"}
    if route is not None:
        initial = {**route.defaults(), "route": route.slug}
    elif must and any(slug == must for slug, _ in sights):
        initial["must"] = [must]
    return PlanForm(data, starts=starts, sights=sights, initial=initial)


@throttled
def plan(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        route = selectors.route_list().filter(slug=request.GET.get("route", "")).first()
        form = _form(route=route, must=request.GET.get("must"))
        route_name = display_name(route.name_en, route.name_zh) if route else ""
        return render(request, "itineraries/plan.html", {"form": form, "route": route, "route_name": route_name})
    form = _form(request.POST)
    valid = form.is_valid()
    try:
        # The domain's rules run even when a field failed its own check, so every mistake shows at once.
        plan_request = plan_request_build(given=form.to_input())
    except InvalidRequest as exc:
        for field, messages in refusals(exc).items():
            if field not in form.errors:
                form.add_error(field if field in form.fields else None, messages)
    else:
        if valid:
            owner = request.user if request.user.is_authenticated else None
            itinerary = services.itinerary_create(request=plan_request, owner=owner)
            remember_planned(request, itinerary.trip)
            return redirect("web:trip", pk=itinerary.pk)
    # Errors of a field the page does not show (the themed route) are named above the form, not "marked below".
    marked = sum(1 for field in form.visible_fields() if field.errors)
    return render(request, "itineraries/plan.html", {"form": form, "marked": marked}, status=400)


def _itinerary(request: HttpRequest, pk) -> Itinerary:
    """The one version an id names (a trip's id is its first version's), if the visitor may read the trip."""
    return version_view(request, pk)


def trip(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk)
    if str(view.trip.pk) != str(pk):
        return redirect(f"{reverse('web:trip', args=[view.trip.pk])}?v={view.itinerary.version}")
    itinerary = view.itinerary
    context = {
        "view": view,
        "versions": trip_page.versions(view),
        "editable": view.can_edit and itinerary.status == Itinerary.Status.DONE,
        "itinerary": itinerary,
        "map": _map_settings(),
        "request_data": itinerary.request,
        "start_name": trip_page.start_name(itinerary),
        "first_day": first_day(itinerary),
        "previous": itinerary.replanned_from,
        "error": failure_text(itinerary.error),
    }
    if itinerary.status == Itinerary.Status.DONE:
        places = {d.slug: d for d in selectors.destination_list()}
        labels = {slug: _label(d) for slug, d in places.items()}
        share_url = trip_page.share_url(request, view)
        result = itinerary.trip_result
        visited = {s.slug for s in result.stops}
        context.update(
            days=trip_page.timeline(itinerary, result),
            map_result=result_for_map(result),
            share_url=share_url,
            share_qr=trip_page.share_qr_svg(share_url),
            season_notes=trip_page.season_notes(result),
            changes=result.changes,
            changes_text=trip_page.changes_summary(result.changes, trip_page.removed_places(result.changes, labels))
            if result.changes
            else "",
            addable=[
                (d.slug, labels[d.slug])
                for d in sorted(places.values(), key=_sort_key)
                if d.kind == Destination.Kind.SIGHT and d.slug not in visited
            ],
            missing=[
                {"label": labels[m.slug], "reason": missing_reason(m)} for m in result.missing_must if m.slug in labels
            ],
            advice=[advice_text(a) for a in result.advice],
        )
    else:
        context["solver_warming"] = not solver_ready()
    return render(request, "itineraries/trip.html", context)


def _download(itinerary: Itinerary, extension: str, body: str | bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="shanxi-trip-{itinerary.pk}.{extension}"'
    return response


def _finished(request: HttpRequest, pk) -> Itinerary:
    itinerary = _itinerary(request, pk)
    if itinerary.status != Itinerary.Status.DONE:
        raise Http404(_("This trip is not ready yet."))
    return itinerary


def trip_geojson(request: HttpRequest, pk) -> HttpResponse:
    """The trip as a GeoJSON file to save, for the page's download button (the API answers the same data)."""
    itinerary = _finished(request, pk)
    body = json.dumps(exports.to_geojson(itinerary.trip_result), ensure_ascii=False)
    return _download(itinerary, "geojson", body, "application/geo+json; charset=utf-8")


def trip_gpx(request: HttpRequest, pk) -> HttpResponse:
    """The trip as GPX for the page's button: read with the page's access (a share link kept in the session)."""
    itinerary = _finished(request, pk)
    body = exports.to_gpx(itinerary.trip_result, title=f"Shanxi trip {itinerary.pk}")
    return _download(itinerary, "gpx", body, "application/gpx+xml")


def trip_ics(request: HttpRequest, pk) -> HttpResponse:
    itinerary = _finished(request, pk)
    body = exports.to_ics(itinerary.trip_result, uid_prefix=str(itinerary.pk))
    return _download(itinerary, "ics", body, "text/calendar; charset=utf-8")


def first_day(itinerary: Itinerary) -> dt.date | None:
    try:
        return dt.date.fromisoformat(itinerary.request.get("date", ""))
    except (TypeError, ValueError):
        return None


@require_POST
@throttled
def trip_replan(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.COLLABORATOR)
    pins, drops = replan_places_check(pins=request.POST.getlist("pin"), drops=request.POST.getlist("drop"))
    services.itinerary_replan(itinerary=view.latest, pins=pins, drops=drops, base=base_from_post(request.POST))
    return redirect("web:trip", pk=view.trip.pk)


VARIANTS: dict[str, Callable[[PlanRequest], PlanRequest]] = {
    "ebike": lambda r: replace(r, mode="ebike"),
    "car": lambda r: replace(r, mode="car"),
    "longer": lambda r: replace(r, days=min(MAX_DAYS, r.days + 2)),
    "shorter": lambda r: replace(r, days=max(1, r.days - 1)),
}


@require_POST
@throttled
def trip_compare(request: HttpRequest, pk) -> HttpResponse:
    """Plan a variant of a trip (other mode or length) and show both side by side."""
    itinerary = _itinerary(request, pk)
    variant = VARIANTS.get(request.POST.get("variant", ""))
    if variant is None:
        return redirect("web:trip", pk=itinerary.pk)
    plan_request = plan_request_build(given=plan_input_from(variant(PlanRequest.from_json(itinerary.request))))
    owner = request.user if request.user.is_authenticated else None
    other = services.itinerary_create(request=plan_request, owner=owner)
    remember_planned(request, other.trip)
    return redirect("web:compare", a=itinerary.pk, b=other.pk)


def _compare_title(request_data: dict) -> str:
    days = int(request_data.get("days", 0))
    code = request_data.get("mode", "car")
    mode = MODE_WORDS.get(code, code)
    return ngettext("%(days)d day by %(mode)s", "%(days)d days by %(mode)s", days) % {"days": days, "mode": mode}


def compare(request: HttpRequest, a, b) -> HttpResponse:
    plans = [_itinerary(request, a), _itinerary(request, b)]
    columns = []
    for n, p in enumerate(plans):
        column = {"itinerary": p, "title": _compare_title(p.request), "n": n, "error": failure_text(p.error)}
        if p.status == Itinerary.Status.DONE:
            result = p.trip_result
            days = result.days
            column.update(
                km=result.total_km,
                minutes=result.total_drive_minutes,
                longest=max((d.drive_minutes for d in days), default=0),
                nights=len({d.lodging.slug for d in days if d.lodging}),
                days=[
                    {"n": k, "stops": [display_name(s.name_en, s.name_zh) for s in d.stops]}
                    for k, d in enumerate(days, start=1)
                ],
                stops=sum(len(d.stops) for d in days),
                map_result=result_for_map(result),
            )
        columns.append(column)
    pending = any(p.status in (Itinerary.Status.QUEUED, Itinerary.Status.RUNNING) for p in plans)
    return render(
        request,
        "itineraries/compare.html",
        {"columns": columns, "pending": pending, "map": _map_settings(), "original": plans[0]},
    )


def place(request: HttpRequest, slug: str) -> HttpResponse:
    everything = list(selectors.destination_list())
    found = next((d for d in everything if d.slug == slug and d.kind != Destination.Kind.LODGING), None)
    if found is None:
        raise Http404(_("No such place."))
    near = place_page.neighbours(found, everything)
    routes = place_page.routes_with(found)
    context = {
        "place": found,
        "name": _label(found),
        "area": area_line(found.city, found.county),
        "notes_in_english": chinese(),
        "description": (found.description_zh if chinese() else found.description_en) or found.description_en,
        "categories": [label for key, label in INTEREST_CHOICES if key in found.categories],
        "hours": place_page.hours_rows(found),
        **place_page.citations(found),
        "near": near,
        "place_map": place_page.map_data(found, near),
        "map": _map_settings(),
        "routes": [{"route": r, "name": display_name(r.name_en, r.name_zh)} for r in routes],
        "is_sight": found.kind == Destination.Kind.SIGHT,
        "photos": [shown(photo) for photo in found.photos.all()],  # prefetched in order by destination_list
    }
    return render(request, "itineraries/place.html", context)


def service_worker(request: HttpRequest) -> HttpResponse:
    """The offline worker, served from the site's root so that it may keep trip and place pages."""
    response = render(request, "itineraries/offline/sw.js", content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response

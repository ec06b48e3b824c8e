from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itineraries.catalogue import selectors
from itineraries.catalogue.models import Destination, ThemedRoute
from itineraries.http.throttle import throttle_wait
from itineraries.trips import services
from itineraries.trips.errors import InvalidRequest
from itineraries.trips.facts import is_open_access
from itineraries.trips.models import Itinerary
from itineraries.trips.request import MAX_DAYS, PlanRequest
from itineraries.trips.validation import plan_input_from, plan_request_build, replan_places_check
from itineraries.web.display import chinese, display_name, result_for_map, to_display
from itineraries.web.forms import INTEREST_CHOICES, PlanForm


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
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def _label(d: Destination) -> str:
    return display_name(d.name_en, d.name_zh)


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
        for r in ThemedRoute.objects.all()
    ]
    return render(
        request,
        "itineraries/home.html",
        {"themes": themes, "points": points, "map": _map_settings(), "count": len(sights), "routes": routes},
    )


def _form(data=None, route: ThemedRoute | None = None) -> PlanForm:
    places = list(selectors.destination_list())
    starts = [
        (d.slug, _label(d))
        for d in sorted(places, key=lambda d: (d.kind != "town", d.name_en))
        if d.kind in (Destination.Kind.TOWN, Destination.Kind.SIGHT)
    ]
    sights = [(d.slug, _label(d)) for d in sorted(places, key=lambda d: d.name_en) if d.kind == Destination.Kind.SIGHT]
    initial = {"start": "pingyao-ancient-city"}
    if route is not None:
        initial = {**route.defaults(), "route": route.slug}
    return PlanForm(data, starts=starts, sights=sights, initial=initial)


@throttled
def plan(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        route = ThemedRoute.objects.filter(slug=request.GET.get("route", "")).first()
        return render(request, "itineraries/plan.html", {"form": _form(route=route), "route": route})
    form = _form(request.POST)
    if form.is_valid():
        try:
            plan_request = plan_request_build(given=form.to_input())
        except InvalidRequest as exc:
            for field, messages in exc.errors.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            owner = request.user if request.user.is_authenticated else None
            itinerary = services.itinerary_create(request=plan_request, owner=owner)
            return redirect("web:trip", pk=itinerary.pk)
    return render(request, "itineraries/plan.html", {"form": form}, status=400)


def _itinerary(pk) -> Itinerary:
    try:
        return Itinerary.objects.get(pk=pk)
    except (Itinerary.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("No such trip.")) from exc


def _timeline(itinerary: Itinerary) -> list[dict]:
    days = []
    pinned = set(itinerary.request.get("must", []))
    for n, day in enumerate(itinerary.result["days"], start=1):
        rows = []
        lunch = day.get("lunch")
        for leg, stop in zip(day["legs"], day["stops"], strict=False):
            rows.append(
                {
                    "leg": leg,
                    "stop": stop,
                    "label": display_name(stop["name_en"], stop["name_zh"]),
                    "pinned": stop["slug"] in pinned,
                    "open_access": is_open_access(stop),
                    "lunch": lunch if lunch and lunch["after"] == stop["slug"] else None,
                }
            )
        night = day["lodging"] or day["end"]
        days.append(
            {
                "n": n,
                "day": day,
                "rows": rows,
                "last_leg": day["legs"][-1],
                "night": display_name(night["name_en"], night["name_zh"]),
                "is_lodging": bool(day["lodging"]),
                "start": display_name(day["start"]["name_en"], day["start"]["name_zh"]),
            }
        )
    return days


def trip(request: HttpRequest, pk) -> HttpResponse:
    itinerary = _itinerary(pk)
    context = {"itinerary": itinerary, "map": _map_settings(), "request_data": itinerary.request}
    if itinerary.status == Itinerary.Status.DONE:
        context["days"] = _timeline(itinerary)
        context["map_result"] = result_for_map(itinerary.result)
        context["share_url"] = request.build_absolute_uri()
        visited = {s["slug"] for d in itinerary.result["days"] for s in d["stops"]}
        context["addable"] = [
            (d.slug, _label(d))
            for d in selectors.destination_list()
            if d.kind == Destination.Kind.SIGHT and d.slug not in visited
        ]
        _, places = selectors.network_current()
        context["missing"] = [
            {"label": _label(places[m["slug"]]), "reason": m["reason"]}
            for m in itinerary.result["missing_must"]
            if m["slug"] in places
        ]
    return render(request, "itineraries/trip.html", context)


@require_POST
@throttled
def trip_replan(request: HttpRequest, pk) -> HttpResponse:
    itinerary = _itinerary(pk)
    try:
        pins, drops = replan_places_check(pins=request.POST.getlist("pin"), drops=request.POST.getlist("drop"))
    except InvalidRequest:
        return redirect("web:trip", pk=itinerary.pk)
    owner = request.user if request.user.is_authenticated else None
    new = services.itinerary_replan(itinerary=itinerary, pins=pins, drops=drops, owner=owner)
    return redirect("web:trip", pk=new.pk)


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
    itinerary = _itinerary(pk)
    variant = VARIANTS.get(request.POST.get("variant", ""))
    if variant is None:
        return redirect("web:trip", pk=itinerary.pk)
    try:
        plan_request = plan_request_build(given=plan_input_from(variant(PlanRequest.from_json(itinerary.request))))
    except InvalidRequest:
        return redirect("web:trip", pk=itinerary.pk)
    owner = request.user if request.user.is_authenticated else None
    other = services.itinerary_create(request=plan_request, owner=owner)
    return redirect("web:compare", a=itinerary.pk, b=other.pk)


def compare(request: HttpRequest, a, b) -> HttpResponse:
    plans = [_itinerary(a), _itinerary(b)]
    columns = []
    for p in plans:
        column = {"itinerary": p, "request": p.request}
        if p.status == Itinerary.Status.DONE:
            stops = [s for d in p.result["days"] for s in d["stops"]]
            column.update(
                score=p.result["score"],
                km=p.result["total_km"],
                minutes=p.result["total_drive_minutes"],
                stops=[display_name(s["name_en"], s["name_zh"]) for s in stops],
            )
        columns.append(column)
    pending = any(p.status in (Itinerary.Status.QUEUED, Itinerary.Status.RUNNING) for p in plans)
    return render(request, "itineraries/compare.html", {"columns": columns, "pending": pending})

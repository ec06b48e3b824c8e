"""GPX, ICS and GeoJSON renderings of a finished itinerary result."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import gpxpy.gpx
from icalendar import Calendar, Event

from itineraries.catalogue.display import day_colour
from itineraries.trips.facts import hours_text, ticket_text
from itineraries.trips.trip_result import Day, Leg, Place, TripResult

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _leg_points(leg: Leg, places: dict[str, Place]) -> list[tuple[float, float]]:
    if leg.path:
        return list(leg.path)
    a, b = places[leg.from_], places[leg.to]
    return [(a.lat, a.lon), (b.lat, b.lon)]


def _track_note(day: Day) -> str:
    """What the track is: the planner's road network joins towns and junctions with straight lines, so the line
    is shorter than the drive it stands for (the km are the roads' own, winding included)."""
    return (
        f"{day.drive_km} km by road, {day.drive_minutes} min at the wheel. The track joins the towns and "
        "junctions the roads pass through; the roads themselves wind, so the drive is longer than the line. "
        "For turn-by-turn directions, let your GPS app follow this day's route (its stops in order)."
    )


def _day_route(n: int, day: Day) -> gpxpy.gpx.GPXRoute:
    """The day as a GPX route: start, stops and night in order, for a GPS app to route over real roads."""
    route = gpxpy.gpx.GPXRoute(name=f"Day {n} {day.date}", description=f"{day.drive_km} km by road")
    for place in [day.start, *day.stops, day.end]:
        route.points.append(gpxpy.gpx.GPXRoutePoint(place.lat, place.lon, name=f"{place.name_en} {place.name_zh}"))
    return route


def _hhmm(moment: dt.datetime) -> str:
    return f"{moment:%H:%M}"


def to_gpx(result: TripResult, *, title: str) -> str:
    gpx = gpxpy.gpx.GPX()
    gpx.name = title
    gpx.creator = "Shanxi itinerary planner"
    for n, day in enumerate(result.days, start=1):
        places = day.places
        track = gpxpy.gpx.GPXTrack(name=f"Day {n} {day.date}", description=_track_note(day))
        segment = gpxpy.gpx.GPXTrackSegment()
        for leg in day.legs:
            for lat, lon in _leg_points(leg, places):
                if segment.points and (segment.points[-1].latitude, segment.points[-1].longitude) == (lat, lon):
                    continue
                segment.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon))
        track.segments.append(segment)
        gpx.tracks.append(track)
        gpx.routes.append(_day_route(n, day))
        for stop in day.stops:
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    stop.lat,
                    stop.lon,
                    name=f"{stop.name_en} {stop.name_zh}",
                    description=f"Day {n}: {_hhmm(stop.arrive)}-{_hhmm(stop.depart)}",
                    time=stop.start.astimezone(dt.UTC),
                )
            )
        if day.lodging:
            lodging = day.lodging
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    lodging.lat, lodging.lon, name=f"Night {n}: {lodging.name_en} {lodging.name_zh}", symbol="Lodging"
                )
            )
    return gpx.to_xml()


def to_ics(result: TripResult, *, uid_prefix: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Shanxi itinerary planner//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for day in result.days:
        for stop in day.stops:
            event = Event()
            event.add("uid", f"{uid_prefix}-{day.date}-{stop.slug}@shanxi-planner")
            event.add("summary", f"{stop.name_en} ({stop.name_zh})")
            event.add("dtstart", stop.start.astimezone(SHANGHAI))
            event.add("dtend", stop.depart.astimezone(SHANGHAI))
            event.add("dtstamp", dt.datetime.now(dt.UTC))
            event.add("location", f"{stop.name_zh}, Shanxi")
            event.add("geo", (stop.lat, stop.lon))
            event.add("description", f"{hours_text(stop)}; {ticket_text(stop)}")
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def to_geojson(result: TripResult) -> dict[str, Any]:
    features: list[dict[str, Any]] = []
    for n, day in enumerate(result.days, start=1):
        places = day.places
        colour = day_colour(n)
        for leg in day.legs:
            if leg.from_ == leg.to or not leg.km:
                continue  # a stop at (or beside) the day's start: no line to draw
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[lon, lat] for lat, lon in _leg_points(leg, places)],
                    },
                    "properties": {
                        "day": n,
                        "date": day.date.isoformat(),
                        "from": leg.from_,
                        "to": leg.to,
                        "km": leg.km,
                        "minutes": leg.minutes,
                        "colour": colour,
                    },
                }
            )
        for order, stop in enumerate(day.stops, start=1):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [stop.lon, stop.lat]},
                    "properties": {
                        "day": n,
                        "order": order,
                        "slug": stop.slug,
                        "name_en": stop.name_en,
                        "name_zh": stop.name_zh,
                        "arrive": stop.arrive.isoformat(),
                        "depart": stop.depart.isoformat(),
                        "colour": colour,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}

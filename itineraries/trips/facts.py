"""How a stop's opening hours and ticket read to a tourist, with estimated facts said to be estimated."""

from __future__ import annotations

from itineraries.trips.trip_result import Stop

HOURS_NOT_CONFIRMED = "hours not confirmed, check before you go"
OPEN_ACCESS = "00:00-24:00"


def is_open_access(stop: Stop) -> bool:
    """A village, town or zone without opening hours: its window that day is the whole day."""
    return stop.opening == OPEN_ACCESS


def hours_text(stop: Stop) -> str:
    if is_open_access(stop):
        return "open access"
    text = f"open {stop.opening}"
    return f"{text} ({HOURS_NOT_CONFIRMED})" if stop.hours_estimated else text


def ticket_text(stop: Stop) -> str:
    price = stop.ticket_cny
    if price is None:
        return "ticket price unknown"
    if price == 0:
        return "free" + (" (not confirmed)" if stop.ticket_estimated else "")
    return f"ticket CNY {price}" + (" (estimated)" if stop.ticket_estimated else "")

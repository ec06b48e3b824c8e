"""How a stop's opening hours and ticket read to a tourist, with estimated facts said to be estimated."""

from __future__ import annotations

HOURS_NOT_CONFIRMED = "hours not confirmed, check before you go"
OPEN_ACCESS = "00:00-24:00"


def is_open_access(stop: dict) -> bool:
    """A village, town or zone without opening hours: its window that day is the whole day."""
    return stop.get("opening") == OPEN_ACCESS


def hours_text(stop: dict) -> str:
    if is_open_access(stop):
        return "open access"
    text = f"open {stop.get('opening', 'n/a')}"
    return f"{text} ({HOURS_NOT_CONFIRMED})" if stop.get("hours_estimated") else text


def ticket_text(stop: dict) -> str:
    price = stop.get("ticket_cny")
    if price is None:
        return "ticket price unknown"
    if price == 0:
        return "free" + (" (not confirmed)" if stop.get("ticket_estimated") else "")
    return f"ticket CNY {price}" + (" (estimated)" if stop.get("ticket_estimated") else "")

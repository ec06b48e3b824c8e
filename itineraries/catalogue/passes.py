"""Ticket passes: one ticket that covers several sights (Pingyao's walled-town pass, Wangmangling with Xiyagou).

A sight on a pass takes its price from the pass and is never open outside the pass's hours: the pass's ticket
offices are the sight's door.
"""

from __future__ import annotations

import datetime as dt

from itineraries.catalogue.hours import window_on

# Every day of a leap year, so seasons ending on 02-29 are checked too.
_YEAR = [dt.date(2028, 1, 1) + dt.timedelta(days=n) for n in range(366)]


def hours_outside_pass(sight_hours: list[dict] | None, pass_hours: list[dict] | None) -> list[str]:
    """Dates (month-day, first of each run) on which the sight is open while its pass is not."""
    bad: list[str] = []
    previous = False
    for date in _YEAR:
        sight, ticket = window_on(sight_hours, date), window_on(pass_hours, date)
        outside = sight is not None and (ticket is None or sight[0] < ticket[0] or sight[1] > ticket[1])
        if outside and not previous:
            bad.append(date.strftime("%m-%d"))
        previous = outside
    return bad


def pass_errors(record: dict, passes: dict[str, dict]) -> list[tuple[str, str]]:
    """A destination record's pass: one that exists, and hours inside the pass's hours."""
    slug = record.get("ticket_pass")
    if not slug:
        return []
    ticket = passes.get(slug)
    if ticket is None:
        return [("ticket_pass", f"names no pass in passes.json: {slug!r}")]
    starts = hours_outside_pass(record.get("hours"), ticket.get("hours"))
    if starts:
        return [("hours", f"open outside the hours of pass {slug!r} from {', '.join(starts)}")]
    return []


def pass_ticket_fields(ticket: dict) -> dict:
    """The ticket fields a sight on this pass shows: the pass's price, with the pass named as the source."""
    days = ticket.get("valid_days")
    validity = f", valid {days} days" if days else ""
    return {
        "ticket_cny": ticket["price_cny"],
        "ticket_estimated": bool(ticket.get("estimated", False)),
        "ticket_source": f"on the {ticket['name_en']} ({ticket['price_cny']} CNY{validity}): {ticket['source']}",
    }

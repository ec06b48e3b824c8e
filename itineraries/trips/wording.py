"""The one place where a trip's codes become words, through gettext (msgids in English, Chinese in the .po).

The domain says what it found as codes with parameters: advice, a hand-edited plan's problems, why a must-see was
left out (trip_result.py) and why a request is refused (errors.FieldError). The edges (pages, the API, the `plan`
command, the admin) call this module, in the request's language or in both: the API's wire shape keeps its `en`
and `zh` texts, each made here under ``translation.override``. A place travels as both its names (``<key>_en``,
``<key>_zh``) and is said in the active language; a row stored before codes keeps its own words (``said``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override, pgettext

from itineraries.catalogue.choices import INTEREST_CHOICES, MODE_WORDS, PACE_WORDS
from itineraries.catalogue.display import chinese
from itineraries.trips.errors import FieldError, FieldMessage, InvalidRequest
from itineraries.trips.lifecycle import FAILED, GAVE_UP, TOO_LONG
from itineraries.trips.result_shapes import version_of
from itineraries.trips.trip_result import (
    SCHEMA_VERSION,
    Advice,
    DayProblem,
    MissingMust,
    Param,
    Problem,
    Said,
    TripResult,
    read,
)

ENGLISH, CHINESE = "en", "zh-hans"
INTEREST_LABELS = dict(INTEREST_CHOICES)
Coded = TypeVar("Coded", Advice, Problem, MissingMust)

# Sentences that need nothing but their parameters, by code (or, for a refused field, by reason).
PROBLEMS = {
    "too_late": gettext_noop(
        "%(place)s: the visit would start at %(begins)s, too late for its %(minutes)d min before closing at %(closes)s."
    ),
    "late_for_pace": gettext_noop("The day ends at %(ends)s, after %(by)s, when a %(pace)s day should be over."),
    "after_sunset": gettext_noop(
        "The day ends at %(ends)s, after sunset (%(sunset)s): riders should reach their bed by then."
    ),
    "after_dark": gettext_noop(
        "The day ends at %(ends)s, after dark: sunset is at %(sunset)s, and the drive should be over by %(by)s."
    ),
    "no_lunch": gettext_noop("No room for a lunch hour."),
}
REASONS = {
    "closed": gettext_noop("closed on every day of the trip"),
    "hours_too_short": gettext_noop("the visit does not fit in its opening hours on the trip dates"),
    "out_of_reach": gettext_noop(
        "out of reach by %(mode)s: no day of the trip can get there and on to a bed within its hours and cap"
    ),
    "no_room": gettext_noop(
        "it does not fit in the days together with the other places (time or distance); add a day or drop a must-see"
    ),
    "no_longer_offered": gettext_noop("no longer offered: the place was unpublished after the trip was planned"),
}
REFUSALS = {
    "unknown_route": gettext_noop("Unknown themed route '%(route)s'."),
    "route_not_offered": gettext_noop("The themed route %(route)s is not offered at the moment."),
    "route_places_gone": gettext_noop(
        "The themed route %(route)s is not offered at the moment: %(places)s no longer offered."
    ),
    "retired_place": gettext_noop("%(name)s is no longer offered."),
    "unknown_place": gettext_noop("Unknown place '%(slug)s'."),
    "not_a_sight": gettext_noop("%(name)s is a town or a lodging, not a place to visit."),
    "past_date": gettext_noop("The trip cannot start in the past."),
    "too_far_ahead": gettext_noop("The trip must start within three years."),
    "unreachable": gettext_noop("%(name)s cannot be reached by %(mode)s from %(start)s within %(days)d day(s)."),
    "rest_day_range": gettext_noop("Day %(day)d cannot be a rest day: choose one from day 2 to day %(last)d."),
    "rest_day_short_trip": gettext_noop("A rest day needs a trip of at least 3 days."),
    "start_required": gettext_noop("Choose where the trip starts."),
    "days_required": gettext_noop("Say how many days the trip lasts."),
    "days_range": gettext_noop("A trip lasts 1 to %(max)d days."),
    "pace_choice": gettext_noop("Pace must be one of %(choices)s."),
    "mode_choice": gettext_noop("Travel mode must be one of %(choices)s."),
    "drive_hours_range": gettext_noop("Hours at the wheel per day must be between 0.5 and %(max)g."),
    "unknown_interest": gettext_noop("Unknown interest '%(interest)s'."),
    "too_many_must": gettext_noop("At most %(max)d must-see places."),
    "too_many_avoid": gettext_noop("At most %(max)d places to avoid."),
    "also_must": gettext_noop("%(name)s is also a must-see."),
    "also_pinned": gettext_noop("%(name)s is also pinned."),
    "keep_day_range": gettext_noop("Day %(day)d is not a day of this %(days)d-day trip."),
    "nights_unknown": gettext_noop("The trip's nights are not known: re-plan it first."),
    "edit_all_days": gettext_noop("Give all %(days)d days, in order."),
    "edit_once": gettext_noop("A place may appear only once."),
}
HELPS = {
    "car": gettext_noop("travel by car"),
    "cap": gettext_noop("raise the daily hours at the wheel"),
    "day": gettext_noop("add a day and sleep nearer the sights"),
    "start": gettext_noop("start from a town nearer the sights"),
}
PROMISES = {
    "night": gettext_noop("The route sleeps at %(place)s on night %(day)d; this plan could not, on these dates."),
    "day_one": gettext_noop("The route sees %(place)s on day 1; on this date it does not fit that day."),
    "added": gettext_noop("A trip this long adds %(place)s to the route; it did not fit."),
    "riding": gettext_noop("Day %(day)d rides %(minutes)d minutes, less than the route's %(least)d."),
}


def _values(params: Mapping[str, Param | tuple[str, ...]], **more: Param) -> dict[str, Any]:
    """The parameters as a sentence takes them: a name in the active language (``<key>_en``/``<key>_zh`` become
    ``<key>``), a list of names joined as the language lists them, a travel mode or pace as said in a sentence."""
    out: dict[str, Any] = {**params, **more}
    for key in params:
        if key.endswith("_en") and f"{key[:-3]}_zh" in params:
            out[key[:-3]] = params[f"{key[:-3]}_zh" if chinese() else key]
    for key, value in out.items():
        if isinstance(value, tuple):
            out[key] = pgettext("between names in a list", ", ").join(value)
    if "mode" in out:
        out["mode"] = MODE_WORDS.get(str(out["mode"]), out["mode"])
    if "pace" in out:
        out["pace"] = PACE_WORDS.get(str(out["pace"]), out["pace"])
    return out


def _hours(minutes: Param) -> str:
    return pgettext("hours, one decimal", "%(hours).1f h") % {"hours": float(minutes) / 60}


def _duration(minutes: Param) -> str:
    h, m = divmod(round(float(minutes)), 60)
    if h:
        return pgettext("a duration", "%(h)d h %(m)02d min") % {"h": h, "m": m}
    return pgettext("a duration", "%(m)d min") % {"m": m}


def _stored(said: Said) -> str:
    return said.zh if chinese() else said.en


def advice_text(advice: Advice) -> str:
    """One piece of advice in the active language."""
    if advice.said is not None:
        return _stored(advice.said)
    p, day = advice.params, advice.day or 0
    values = _values(p, day=day)
    if advice.code == "free_day":
        return (
            _(
                "Day %(day)d is free around %(place)s: the places worth the drive are already in the plan. Add "
                "interests or a must-see to fill it, or enjoy a rest day."
            )
            % values
        )
    if advice.code == "nothing_open":
        return _("Day %(day)d: no place to visit is open on %(date)s.") % values
    if advice.code == "out_of_reach":
        way = (_("on the way from %(from)s to %(to)s") if "to_en" in p else _("from %(from)s there and back")) % values
        helps = pgettext("between choices", ", or ").join(_(HELPS[h]) for h in str(p["helps"]).split(","))
        return _(
            "Day %(day)d: the nearest place to visit %(way)s needs %(needed)s by %(mode)s, over the day's cap "
            "of %(cap)s. To see more: %(helps)s."
        ) % {**values, "way": way, "needed": _hours(p["needed"]), "cap": _hours(p["cap"]), "helps": helps}
    if advice.code == "thin":
        return _(
            "Only %(stops)d place(s) fit in %(days)d day(s) by %(mode)s within %(cap)s a day on the road. A faster "
            "mode, a higher cap or another start would fit more."
        ) % {**values, "cap": _hours(p["cap"])}
    if advice.code == "interests_short":
        # the interests as asked in English ("painting, heritage"), by their labels in Chinese
        asked = [k.strip() for k in str(p["interests"]).split(",")]
        named = [str(INTEREST_LABELS.get(k, k)) if chinese() else k for k in asked]
        values["interests"] = pgettext("between names in a list", ", ").join(named)
        short = _(
            "Few places match %(interests)s within this trip's reach: %(matched)d in the plan, so the other stops are "
            "the region's best sights."
        )
        if "nearest_en" in p:
            short = _(
                "Few places match %(interests)s within this trip's reach: %(matched)d in the plan, so the other "
                "stops are the region's best sights. The nearest one left out, %(nearest)s, is %(km)d km by road "
                "from the start: add it as a must-see or start nearer it."
            )
        return short % values
    if advice.code == "route_promise":
        if "place_en" not in p:  # a place no longer in the catalogue: its slug
            values["place"] = f"'{p.get('place', '')}'"
        return _(PROMISES[str(p["promise"])]) % values
    return advice.code


def problem_text(problem: Problem) -> str:
    """A rule a hand-edited visit or day breaks, in the active language."""
    if problem.said is not None:
        return _stored(problem.said)
    p, values = problem.params, _values(problem.params)
    if problem.code == "closed":
        date = dt.date.fromisoformat(str(p["date"]))
        # strftime's format in the page's language: "Mon 03 May" or "5月3日"
        day = date.strftime(pgettext("strftime", "%a %d %b"))
        return _("%(place)s is closed on %(date)s.") % {**values, "date": day}
    if problem.code == "over_cap":
        return _("%(drive)s at the wheel, over this trip's limit of %(cap)s.") % {
            "drive": _duration(p["drive"]),
            "cap": _duration(p["cap"]),
        }
    return _(PROBLEMS[problem.code]) % values if problem.code in PROBLEMS else problem.code


def missing_reason(missing: MissingMust) -> str:
    """Why a must-see was left out, in the active language."""
    if missing.said is not None:
        return _stored(missing.said)
    return _(REASONS[missing.code]) % _values(missing.params) if missing.code in REASONS else missing.code


def failure_text(error: str) -> str:
    """Why a plan could not be made, as a row stores it (in English, for the API), in the active language."""
    if error in (TOO_LONG, GAVE_UP):
        return _(error)
    if error.startswith(FAILED) and error[len(FAILED) :].isidentifier():
        return _("Planning failed: %(kind)s") % {"kind": error[len(FAILED) :]}
    return error


def refusal_text(error: FieldError | str) -> FieldMessage:
    """Why a field is refused, in the active language, with its code for API clients; an edge's own message as
    it was worded."""
    if isinstance(error, str):
        return error if isinstance(error, FieldMessage) else FieldMessage(error)
    if error.reason not in REFUSALS:
        return FieldMessage(error.reason, error.code)
    return FieldMessage(_(REFUSALS[error.reason]) % _values(error.params), error.code)


def refusals(exc: InvalidRequest) -> dict[str, list[FieldMessage]]:
    """Every refused field's messages in the active language."""
    return {name: [refusal_text(e) for e in errors] for name, errors in exc.errors.items()}


def refusals_line(exc: InvalidRequest) -> str:
    """Every refused field's messages in one line, for a page or a command that says why it refused."""
    return " ".join(message for messages in refusals(exc).values() for message in messages)


def _both(say: Callable[[Coded], str], item: Coded) -> dict[str, str]:
    with override(ENGLISH):
        en = say(item)
    with override(CHINESE):
        zh = say(item)
    return {"en": en, "zh": zh}


def _english(say: Callable[[Coded], str], item: Coded) -> str:
    with override(ENGLISH):
        return say(item)


def _advice_wire(advice: Advice) -> dict[str, Any]:
    return {"code": advice.code, "day": advice.day, **_both(advice_text, advice)}


def _missing_wire(missing: MissingMust) -> dict[str, Any]:
    return {"slug": missing.slug, "reason": _english(missing_reason, missing)}  # English, as it always was


def _problem_wire(problem: Problem | None) -> dict[str, Any] | None:
    if problem is None:
        return None
    if isinstance(problem, DayProblem):
        return {**_both(problem_text, problem), "slug": problem.slug}
    return _both(problem_text, problem)


def _worded(out: dict[str, Any], advice: Any, missing: Any, days: Any) -> dict[str, Any]:
    """``out`` (a stored row's fields) with its coded parts worded; each part is read by ``read`` from the row's
    JSON or taken from the types."""
    out["advice"] = [_advice_wire(read(Advice, a)) for a in advice]
    out["missing_must"] = [_missing_wire(read(MissingMust, m)) for m in missing]
    if out.get("edited"):
        worded_days = []
        for day in days:
            stops = [{**s, "problem": _problem_wire(read(Problem | None, s.get("problem")))} for s in day["stops"]]
            problems = [_problem_wire(read(DayProblem, p)) for p in day.get("problems", [])]
            worded_days.append({**day, "stops": stops, "problems": problems})
        out["days"] = worded_days
    return out


def result_wire(result: TripResult) -> dict[str, Any]:
    """The public wire shape (docs/design.md, the OpenAPI schema): the result with its advice and problems in
    English and Chinese, and missing-place reasons in English, as clients have always read them."""
    out = result.to_stored()
    del out["schema_version"]
    return _worded(out, out["advice"], out["missing_must"], out["days"])


def stored_wire(stored: Mapping[str, Any]) -> dict[str, Any]:
    """``result_wire(TripResult.from_stored(stored))``, without building every type when the row is in the
    current shape, as the API answers every poll (tests/trips/test_wording.py holds the two equal)."""
    if version_of(stored) != SCHEMA_VERSION:
        return result_wire(TripResult.from_stored(stored))
    out = {key: value for key, value in stored.items() if key != "schema_version"}
    return _worded(out, stored["advice"], stored["missing_must"], stored["days"])

"""The independent checker: a plan against the rules of a trip day as they are stated, read off the plan's own
timetable. It never calls the scheduler that built the plan, so the two can disagree.

The rules, per day:
- it begins where the day before ended (the first at the start) and ends at a lodging it may end at;
- it leaves no earlier than the day's start and reaches its night no later than the day's end;
- each drive takes its minutes from the travel matrix: nothing arrives sooner than that after leaving;
- a visit starts no earlier than its arrival and its place's opening, no later than its latest start,
  and lasts the place's visit time;
- a day with a visit starting before midday and a visit still going after midday has a lunch hour starting
  between the lunch times: between two visits, after the drive to a visit and before it begins, or inside
  a visit long enough to hold it; it overlaps nothing else;
- no wait anywhere is longer than the problem allows;
- minutes on the road are within the day's cap.
And for the trip: no place twice, only places that may be visited, every must-see visited or reported
missing, and the reported score and driving as the visits and legs add up.
"""

from __future__ import annotations

import math

from itineraries.routing.plan import DayPlan, Plan
from itineraries.routing.problem import Problem

EPS = 1e-4  # minutes: the timetable is float arithmetic


def check(problem: Problem, plan: Plan) -> list[str]:
    """Every violation of the plan against the problem, in order; an empty list means feasible."""
    if len(plan.days) != problem.n_days:
        return [f"plan has {len(plan.days)} days, problem {problem.n_days}"]
    errors: list[str] = []
    seen: set[int] = set()
    candidates = set(problem.candidates)
    score = drive = 0.0
    expected_begin = problem.start
    for d, day in enumerate(plan.days):
        if day.begin != expected_begin:
            errors.append(f"day {d + 1} starts at {day.begin}, expected {expected_begin}")
        if day.end not in problem.night_options(d):
            errors.append(f"day {d + 1} ends at {day.end}, not an allowed lodging or trip end")
        for visit in day.visits:
            name = problem.nodes[visit.node].key
            if visit.node in seen:
                errors.append(f"{name} visited twice")
            seen.add(visit.node)
            if visit.node not in candidates:
                errors.append(f"{name} may not be visited")
            score += problem.nodes[visit.node].score
        errors += _timetable(problem, d, day)
        errors += _lunch(problem, d, day)
        drive += day.drive
        expected_begin = day.end
    for node in problem.must:
        if node not in seen and node not in plan.missing_must:
            errors.append(f"must-see {problem.nodes[node].key} missing and not reported")
    if abs(score - plan.score) > 1e-6:
        errors.append(f"reported score {plan.score}, recomputed {score}")
    if abs(drive - plan.drive) > 1e-3:
        errors.append(f"reported drive {plan.drive:.2f}, recomputed {drive:.2f}")
    return errors


def _timetable(problem: Problem, d: int, day: DayPlan) -> list[str]:
    """Drives, opening times, visit lengths, waits, the day's window and its cap."""
    spec, travel, label = problem.days[d], problem.travel, f"day {d + 1}"
    errors: list[str] = []
    if day.leave < spec.start - EPS:
        errors.append(f"{label} leaves at {day.leave:.1f}, before its start {spec.start}")
    lunch = problem.lunch
    free, here, road = day.leave, day.begin, 0.0  # free: when the tourist may set off from ``here``
    waits: list[float] = []
    for k, visit in enumerate(day.visits):
        name = problem.nodes[visit.node].key
        leg = float(travel[here, visit.node])
        road += leg
        if not math.isfinite(problem.opens[d, visit.node]) or not math.isfinite(visit.start):
            errors.append(f"{label}: {name} is closed that day")
            free, here = visit.depart, visit.node
            continue
        if visit.arrive < free + leg - EPS:
            errors.append(f"{label}: {name} reached at {visit.arrive:.1f}, {leg:.1f} min after {free:.1f} is sooner")
        ready = visit.arrive
        if _lunch_on_arrival_at(day, k) and day.lunch is not None and lunch is not None:
            waits.append(day.lunch - visit.arrive)
            ready = day.lunch + lunch.minutes
        waits.append(visit.arrive - free - leg)
        waits.append(visit.start - max(ready, float(problem.opens[d, visit.node])))
        if visit.start < ready - EPS:
            errors.append(f"{label}: {name} starts at {visit.start:.1f}, before the tourist is there at {ready:.1f}")
        if visit.start < problem.opens[d, visit.node] - EPS:
            errors.append(f"{label}: {name} starts at {visit.start:.1f}, before it opens")
        if visit.start > problem.closes[d, visit.node] + EPS:
            errors.append(f"{label}: {name} starts at {visit.start:.1f}, after {problem.closes[d, visit.node]}")
        if abs(visit.depart - visit.start - problem.nodes[visit.node].service) > EPS:
            errors.append(f"{label}: {name} lasts {visit.depart - visit.start:.1f} min, not its visit time")
        free, here = visit.depart, visit.node
        if _lunch_in_gap_after(day, k) and day.lunch is not None and lunch is not None:
            waits.append(day.lunch - free)
            free = max(free, day.lunch + lunch.minutes)
    leg = float(travel[here, day.end])
    road += leg
    if day.end_arrive < free + leg - EPS:
        errors.append(f"{label} reaches its night at {day.end_arrive:.1f}, sooner than {free + leg:.1f}")
    if day.end_arrive > spec.end + EPS:
        errors.append(f"{label} ends at {day.end_arrive:.1f}, after {spec.end}")
    if abs(road - day.drive) > 1e-3:
        errors.append(f"{label} reports {day.drive:.2f} min on the road, its legs add up to {road:.2f}")
    if road > spec.max_drive + EPS:
        errors.append(f"{label} drives {road:.1f} min, limit {spec.max_drive}")
    if problem.max_wait is not None and max(waits, default=0.0) > problem.max_wait + EPS:
        errors.append(f"{label} waits {max(waits):.1f} min, limit {problem.max_wait}")
    return errors


def _lunch_on_arrival_at(day: DayPlan, k: int) -> bool:
    return day.lunch is not None and day.lunch_on_arrival and day.lunch_after == k


def _lunch_in_gap_after(day: DayPlan, k: int) -> bool:
    """Lunch between visit k and the next drive (neither inside the visit nor after the drive)."""
    return day.lunch is not None and not day.lunch_inside and not day.lunch_on_arrival and day.lunch_after == k + 1


def _lunch(problem: Problem, d: int, day: DayPlan) -> list[str]:
    """Whether the day needs a lunch hour, and whether the one it has is where the rule allows."""
    rule, label = problem.lunch, f"day {d + 1}"
    if rule is None:
        return [f"{label} has a lunch hour the problem does not ask for"] if day.lunch is not None else []
    visits = day.visits
    needed = bool(visits) and visits[0].start < rule.midday and visits[-1].depart > rule.midday
    if day.lunch is None:
        return [f"{label}: no room for a lunch hour starting between the lunch times"] if needed else []
    start, end = day.lunch, day.lunch + rule.minutes
    errors = []
    if not rule.earliest - EPS <= start <= rule.latest + EPS:
        errors.append(f"{label}: lunch at {start:.1f}, outside {rule.earliest}-{rule.latest}")
    if day.lunch_inside:
        holder = visits[day.lunch_after - 1] if 0 < day.lunch_after <= len(visits) else None
        if holder is None or holder.depart - holder.start < rule.inside - EPS:
            errors.append(f"{label}: lunch inside a visit too short to hold it")
        elif start < holder.start - EPS or end > holder.depart + EPS:
            errors.append(f"{label}: lunch inside a visit runs outside it")
    for k, visit in enumerate(visits):
        inside = day.lunch_inside and k == day.lunch_after - 1
        if not inside and start < visit.depart - EPS and visit.start < end - EPS:
            errors.append(f"{label}: lunch overlaps the visit to {problem.nodes[visit.node].key}")
    return errors

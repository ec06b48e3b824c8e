"""Areas kept whole: a walled town, a castle village or a scenic area is seen as a guide shows it.

A day's visits to one area are one block (the tourist does not leave the walls for a temple outside and
come back in), and the days that visit an area follow each other (never the wall on day 1 and the
Confucian Temple on day 3). The search does not know areas; after it, ``gathered`` moves the visits that
break the rules into the area's main day (the one with most minutes there) or the days beside it, and
drops an optional one that fits nowhere. ``allows`` tells the refill step where an added place keeps
the rules.
"""

from __future__ import annotations

from dataclasses import replace

from itineraries.routing.plan import DayPlan, Plan, day_fits, schedule_day
from itineraries.routing.problem import Problem

Tours = list[list[int]]


def _block(tour: list[int], members: set[int]) -> list[int]:
    return [k for k, node in enumerate(tour) if node in members]


def violations(problem: Problem, tours: Tours) -> list[str]:
    """Each area left and re-entered on a day, and each area visited on days that do not follow each other."""
    errors = []
    for area in problem.areas:
        members, name = set(area), problem.nodes[area[0]].key
        days = []
        for d, tour in enumerate(tours):
            at = _block(tour, members)
            if not at:
                continue
            days.append(d)
            if at[-1] - at[0] + 1 != len(at):
                errors.append(f"day {d + 1} leaves the {name} area and comes back")
        if days and days[-1] - days[0] + 1 != len(days):
            errors.append(f"the {name} area is visited on days {[d + 1 for d in days]}, not one after another")
    return errors


def allows(problem: Problem, tours: Tours, d: int, k: int, node: int) -> bool:
    """Whether ``node`` inserted at position ``k`` of day ``d`` keeps its area's rules."""
    area = problem.area_of.get(node)
    if area is None:
        return True
    members = set(problem.areas[area])
    at = _block(tours[d], members)
    if at and not at[0] <= k <= at[-1] + 1:
        return False
    days = {e for e, tour in enumerate(tours) if _block(tour, members)} | {d}
    return max(days) - min(days) + 1 == len(days)


def _timetable(problem: Problem, d: int, day: DayPlan, route: list[int]) -> DayPlan | None:
    trial = schedule_day(problem, d, day.begin, day.end, route)
    return trial if day_fits(problem, d, trial) else None


def _one_block(problem: Problem, d: int, day: DayPlan, members: set[int]) -> DayPlan | None:
    """The day with its visits to the area brought together, at the position that drives least."""
    route = [v.node for v in day.visits]
    block = [n for n in route if n in members]
    rest = [n for n in route if n not in members]
    trials = [_timetable(problem, d, day, [*rest[:p], *block, *rest[p:]]) for p in range(len(rest) + 1)]
    fitting = [t for t in trials if t is not None]
    return min(fitting, key=lambda t: t.drive) if fitting else None


def _longest_run_kept(problem: Problem, d: int, day: DayPlan, members: set[int]) -> DayPlan | None:
    """The day keeping only its longest run of visits to the area (and every must-see), if that fits."""
    route = [v.node for v in day.visits]
    runs: list[list[int]] = []
    for k, node in enumerate(route):
        if node in members:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    longest = max(runs, key=lambda run: sum(day.visits[k].depart - day.visits[k].start for k in run))
    kept = [n for k, n in enumerate(route) if n not in members or k in longest or n in problem.must]
    return _timetable(problem, d, day, kept)


def _insert(problem: Problem, days: list[DayPlan], d: int, node: int) -> DayPlan | None:
    """Day ``d`` with ``node`` added where its area allows and the day still fits, driving least."""
    tours = [[v.node for v in day.visits] for day in days]
    best = None
    for k in range(len(tours[d]) + 1):
        if not allows(problem, tours, d, k, node):
            continue
        trial = _timetable(problem, d, days[d], [*tours[d][:k], node, *tours[d][k:]])
        if trial is not None and (best is None or trial.drive < best.drive):
            best = trial
    return best


def _gather(problem: Problem, days: list[DayPlan], members: set[int]) -> bool:
    """Bring one area's visits together; False when a must-see could not be moved."""
    for d, day in enumerate(days):
        at = _block([v.node for v in day.visits], members)
        if at and at[-1] - at[0] + 1 != len(at):
            fixed = _one_block(problem, d, day, members) or _longest_run_kept(problem, d, day, members)
            if fixed is not None:
                days[d] = fixed
    minutes = {d: sum(v.depart - v.start for v in day.visits if v.node in members) for d, day in enumerate(days)}
    touched = [d for d, m in minutes.items() if m > 0 or any(v.node in members for v in days[d].visits)]
    if not touched or max(touched) - min(touched) + 1 == len(touched):
        return True
    main = max(touched, key=lambda d: (minutes[d], -d))
    whole = True
    for d in sorted(touched, key=lambda e: -abs(e - main)):
        if d == main:
            continue
        for node in [v.node for v in days[d].visits if v.node in members]:
            if _still_fine(problem, days, members):
                return whole
            without = [v.node for v in days[d].visits if v.node != node]
            emptied = _timetable(problem, d, days[d], without)
            if emptied is None:
                whole = whole and node not in problem.must
                continue
            saved = days[d]
            days[d] = emptied
            for target in (main, main - 1, main + 1):
                if 0 <= target < len(days) and target != d:
                    moved = _insert(problem, days, target, node)
                    if moved is not None:
                        days[target] = moved
                        break
            else:
                if node in problem.must:
                    days[d] = saved  # a must-see stays where it is rather than go
                    whole = False
    return whole and _still_fine(problem, days, members)


def _still_fine(problem: Problem, days: list[DayPlan], members: set[int]) -> bool:
    touched = [d for d, day in enumerate(days) if any(v.node in members for v in day.visits)]
    return not touched or max(touched) - min(touched) + 1 == len(touched)


def gathered(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with every area's visits in one block a day, on days that follow each other."""
    if not problem.areas or not violations(problem, plan.tours()):
        return plan
    days = list(plan.days)
    for area in problem.areas:
        _gather(problem, days, set(area))
    if days == list(plan.days):
        return plan
    visited = {v.node for day in days for v in day.visits}
    return replace(
        plan,
        days=tuple(days),
        drive=sum(day.drive for day in days),
        score=float(sum(problem.scores[n] for n in visited)),
        missing_must=tuple(sorted({*plan.missing_must, *(m for m in problem.must if m not in visited)})),
    )

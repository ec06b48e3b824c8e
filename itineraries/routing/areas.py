"""Areas kept whole: a walled town, a castle village or a scenic area is seen as a guide shows it.

A day's visits to one area are one block (the tourist does not leave the walls for a temple outside and
come back in), and the days that visit an area follow each other (never the wall on day 1 and the
Confucian Temple on day 3). A lodging inside an area (an inn within the walls) belongs to it: a day that
starts there sees the area first, before leaving, and a day that ends there sees it last, on the way in.
The search does not know areas; after it, ``gathered`` moves the visits that
break the rules into the area's main day (the one with most minutes there) or the days beside it, and
drops an optional one that fits nowhere. ``allows`` tells the refill step where an added place keeps
the rules.
"""

from __future__ import annotations

from collections.abc import Callable

from itineraries.routing.plan import DayPlan, Plan, day_fits, schedule_day, with_days
from itineraries.routing.problem import Problem

Tours = list[list[int]]
Ends = list[tuple[int, int]]  # each day's first and last node (where it starts and sleeps)


def _block(tour: list[int], members: set[int]) -> list[int]:
    return [k for k, node in enumerate(tour) if node in members]


def _one_piece(tour: list[int], members: set[int], ends: tuple[int, int] | None) -> bool:
    """Whether a day's visits to an area are one block, first when the day starts inside the area and last
    when it ends there (either, when both)."""
    at = _block(tour, members)
    if not at:
        return True
    if at[-1] - at[0] + 1 != len(at):
        return False
    inside_start = ends is not None and ends[0] in members
    inside_end = ends is not None and ends[1] in members
    first, last = at[0] == 0, at[-1] == len(tour) - 1
    if inside_start and inside_end:
        return first or last
    return (first or not inside_start) and (last or not inside_end)


def violations(problem: Problem, tours: Tours, ends: Ends | None = None) -> list[str]:
    """Each area left and re-entered on a day, and each area visited on days that do not follow each other."""
    errors = []
    for area in problem.areas:
        members = set(area)
        name = problem.nodes[area[0]].key
        days = []
        for d, tour in enumerate(tours):
            if not _block(tour, members):
                continue
            days.append(d)
            if not _one_piece(tour, members, None if ends is None else ends[d]):
                errors.append(f"day {d + 1} leaves the {name} area and comes back")
        if days and days[-1] - days[0] + 1 != len(days):
            errors.append(f"the {name} area is visited on days {[d + 1 for d in days]}, not one after another")
    return errors


def allows(problem: Problem, tours: Tours, d: int, k: int, node: int, ends: Ends | None = None) -> bool:
    """Whether ``node`` inserted at position ``k`` of day ``d`` keeps its area's rules."""
    area = problem.area_of.get(node)
    if area is None:
        return _still_one_piece(problem, tours[d], d, k, node, ends)
    members = set(problem.areas[area])
    if not _one_piece([*tours[d][:k], node, *tours[d][k:]], members, None if ends is None else ends[d]):
        return False
    days = {e for e, tour in enumerate(tours) if _block(tour, members)} | {d}
    return max(days) - min(days) + 1 == len(days)


def _still_one_piece(problem: Problem, tour: list[int], d: int, k: int, node: int, ends: Ends | None) -> bool:
    """Whether a place outside every area, inserted at ``k``, keeps each area's block on the day whole."""
    trial = [*tour[:k], node, *tour[k:]]
    day_ends = None if ends is None else ends[d]
    return all(_one_piece(trial, set(area), day_ends) for area in problem.areas if _block(tour, set(area)))


def _timetable(problem: Problem, d: int, day: DayPlan, route: list[int]) -> DayPlan | None:
    trial = schedule_day(problem, d, day.begin, day.end, route)
    return trial if day_fits(problem, d, trial) else None


def _one_block(
    problem: Problem, d: int, day: DayPlan, members: set[int], route: list[int] | None = None
) -> DayPlan | None:
    """The day (or ``route`` on its ends) with its visits to the area brought together, at the position that
    drives least."""
    route = [v.node for v in day.visits] if route is None else route
    block = [n for n in route if n in members]
    rest = [n for n in route if n not in members]
    routes = [[*rest[:p], *block, *rest[p:]] for p in range(len(rest) + 1)]
    ends = (day.begin, day.end)
    trials = [_timetable(problem, d, day, r) for r in routes if _one_piece(r, members, ends)]
    fitting = [t for t in trials if t is not None]
    return min(fitting, key=lambda t: t.drive) if fitting else None


def _longest_run_kept(problem: Problem, d: int, day: DayPlan, members: set[int]) -> DayPlan | None:
    """The day keeping only its longest run of visits to the area (and every must-see), or none of them, or
    fewer of them, as one block that fits."""
    route = [v.node for v in day.visits]
    runs: list[list[int]] = []
    for k, node in enumerate(route):
        if node in members:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    longest = max(runs, key=lambda run: sum(day.visits[k].depart - day.visits[k].start for k in run))
    shorter = [n for k, n in enumerate(route) if n not in members or k in longest or n in problem.must]
    without = [n for n in route if n not in members or n in problem.must]
    for kept in (shorter, without):
        fixed = _one_block(problem, d, day, members, kept)
        if fixed is not None:
            return fixed
    # Optional places in the area go, least worth first, until the rest fits as one block (a must-see stays).
    optional = sorted((n for n in route if n in members and n not in problem.must), key=lambda n: problem.scores[n])
    for k in range(1, len(optional) + 1):
        fixed = _one_block(problem, d, day, members, [n for n in route if n not in optional[:k]])
        if fixed is not None:
            return fixed
    return None


def _insert(problem: Problem, days: list[DayPlan], d: int, node: int) -> DayPlan | None:
    """Day ``d`` with ``node`` added where its area allows and the day still fits, driving least."""
    tours = [[v.node for v in day.visits] for day in days]
    ends = [(day.begin, day.end) for day in days]
    best = None
    for k in range(len(tours[d]) + 1):
        if not allows(problem, tours, d, k, node, ends):
            continue
        trial = _timetable(problem, d, days[d], [*tours[d][:k], node, *tours[d][k:]])
        if trial is not None and (best is None or trial.drive < best.drive):
            best = trial
    return best


def _gather(problem: Problem, days: list[DayPlan], members: set[int], main: int | None = None) -> bool:
    """Bring one area's visits together around day ``main`` (by default the day with most minutes there);
    False when a must-see could not be moved."""
    for d, day in enumerate(days):
        route = [v.node for v in day.visits]
        if not _one_piece(route, members, (day.begin, day.end)):
            fixed = _one_block(problem, d, day, members) or _longest_run_kept(problem, d, day, members)
            if fixed is not None:
                days[d] = fixed
    minutes = {d: sum(v.depart - v.start for v in day.visits if v.node in members) for d, day in enumerate(days)}
    touched = [d for d, m in minutes.items() if m > 0 or any(v.node in members for v in days[d].visits)]
    if not touched or max(touched) - min(touched) + 1 == len(touched):
        return True
    if main is None:
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


def _gathered_round_a_main_day(problem: Problem, days: list[DayPlan], members: set[int]) -> list[DayPlan]:
    """The days gathered round the day with most minutes in the area, or, where that breaks a rule (a
    must-see that cannot move there, such as a place a route promises on day 1), round the next one."""
    first = list(days)
    if _gather(problem, first, members):
        return first
    minutes = {d: sum(v.depart - v.start for v in day.visits if v.node in members) for d, day in enumerate(days)}
    for main in sorted(_touched(days, members), key=lambda d: (-minutes[d], d))[1:]:
        trial = list(days)
        if _gather(problem, trial, members, main):
            return trial
    return first


def _still_fine(problem: Problem, days: list[DayPlan], members: set[int]) -> bool:
    touched = [d for d, day in enumerate(days) if any(v.node in members for v in day.visits)]
    return not touched or max(touched) - min(touched) + 1 == len(touched)


def _ends(days: tuple[DayPlan, ...] | list[DayPlan]) -> Ends:
    return [(day.begin, day.end) for day in days]


def _touched(days: list[DayPlan], members: set[int]) -> list[int]:
    return [d for d, day in enumerate(days) if any(v.node in members for v in day.visits)]


def _moved_whole(problem: Problem, days: list[DayPlan], members: set[int], target: int) -> list[DayPlan] | None:
    """The days with every visit to the area taken to day ``target`` as one block (in their order), where
    the block fits there with the day's own visits and every day keeps its rules; None where it does not."""
    block = [v.node for day in days for v in day.visits if v.node in members]
    out = list(days)
    for d, day in enumerate(days):
        if d != target and any(v.node in members for v in day.visits):
            emptied = _timetable(problem, d, day, [v.node for v in day.visits if v.node not in members])
            if emptied is None:
                return None
            out[d] = emptied
    day = out[target]
    rest = [v.node for v in day.visits if v.node not in members]
    ends = (day.begin, day.end)
    routes = [[*rest[:p], *block, *rest[p:]] for p in range(len(rest) + 1)]
    fitting = [t for r in routes if _one_piece(r, members, ends) for t in [_timetable(problem, target, day, r)] if t]
    if not fitting:
        return None
    out[target] = min(fitting, key=lambda t: t.drive)
    return out


def _swapped(problem: Problem, days: list[DayPlan], a: int, b: int) -> list[DayPlan] | None:
    """The days with the visits of days ``a`` and ``b`` traded, each day keeping its night; None where either
    no longer fits."""
    if a == b:
        return None
    out = list(days)
    for one, other in ((a, b), (b, a)):
        timed = _timetable(problem, one, days[one], [v.node for v in days[other].visits])
        if timed is None:
            return None
        out[one] = timed
    return out


def gathered(problem: Problem, plan: Plan, value: Callable[[Plan], float] | None = None) -> Plan:
    """``plan`` with every area's visits in one block a day, on days that follow each other: gathered round
    the day with most minutes there. With ``value`` (what the finished plan is worth), each day of the trip
    is also tried as the one that takes the whole area, and a day that holds it all as trading its visits
    with any other day, and the best is kept."""
    if not problem.areas:
        return plan
    days = list(plan.days)
    for area in problem.areas:
        members = set(area)
        if not _touched(days, members):
            continue
        fixed = _gathered_round_a_main_day(problem, days, members)
        if value is None:
            days = fixed
            continue
        tries = [fixed] if not violations(problem, [[v.node for v in d.visits] for d in fixed], _ends(fixed)) else []
        tries += [moved for t in range(len(days)) if (moved := _moved_whole(problem, days, members, t))]
        if len(touched := _touched(fixed, members)) == 1:
            tries += [swap for t in range(len(days)) if (swap := _swapped(problem, fixed, touched[0], t))]
        days = max(tries, key=lambda trial: value(with_days(problem, plan, trial))) if tries else fixed
    if days == list(plan.days):
        return plan
    return with_days(problem, plan, days)

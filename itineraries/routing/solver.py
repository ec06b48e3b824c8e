"""Iterated local search for the team orienteering problem with time windows and hotel selection.

Each iteration shakes the current solution (removes a run of consecutive visits from some days, as in
Vansteenwegen et al. 2009), occasionally moves a night to another lodging, refills the days by best
insertion, then trades visited places for better unvisited ones in place and refills again.
Insertion feasibility is O(1) per position thanks to the forward slack ("max shift") kept per visit,
and all positions of all candidates of a day are scored at once with numpy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from itineraries.routing.plan import DayPlan, Plan, schedule_day
from itineraries.routing.problem import Problem

EPS = 1e-9
MUST_BONUS = 1e6  # must-see places outrank every optional place
MAX_SHAKE = 8  # longest run of consecutive visits removed from a day by one shake
NOISE = 0.3  # insertion ratios are multiplied by U(1 - NOISE, 1 + NOISE), drawn per refill
SHAKE_SHARE = 0.6  # share of the days shaken per iteration (at least one)
NIGHT_NEIGHBOURS = 4  # a night moves to one of the lodgings nearest to a visit of the two days around it
REPLACE_ROUNDS = 5  # trades of a visited place for a better unvisited one per iteration
Progress = Callable[[float, Plan], None]


@dataclass
class _Day:
    nodes: np.ndarray  # begin, visits..., end
    start: np.ndarray  # service start per position (begin: the day's start time)
    slack: np.ndarray  # wait + max shift per position
    drive: float
    feasible: bool


class _Search:
    def __init__(self, problem: Problem, rng: np.random.Generator) -> None:
        self.p = problem
        self.rng = rng
        self.t = problem.travel
        self.svc = problem.services
        self.opens = problem.opens
        self.closes = problem.closes
        self.value = problem.scores.copy()
        for node in problem.must:
            self.value[node] += MUST_BONUS
        self.candidates = np.array(problem.candidates, dtype=np.int64)
        self.weight = self.value**2
        # Plain lists: scalar look-ups in the sequential timetable are several times faster than numpy's.
        self.t_rows = problem.travel.tolist()
        self.svc_list = problem.services.tolist()
        self.open_rows = problem.opens.tolist()
        self.close_rows = problem.closes.tolist()

    # --- one day -------------------------------------------------------------------------------
    def timetable(self, d: int, nodes: np.ndarray) -> _Day:
        spec = self.p.days[d]
        t, svc, opens, closes = self.t_rows, self.svc_list, self.open_rows[d], self.close_rows[d]
        seq = nodes.tolist()
        n = len(seq)
        start = [spec.start] * n
        wait = [0.0] * n
        feasible = True
        drive = 0.0
        clock = spec.start
        prev = seq[0]
        for k in range(1, n - 1):
            node = seq[k]
            leg = t[prev][node]
            drive += leg
            arrive = clock + svc[prev] + leg if k > 1 else clock + leg
            begin = opens[node] if opens[node] > arrive else arrive
            if begin > closes[node] + EPS:
                feasible = False
            start[k], wait[k] = begin, begin - arrive
            clock, prev = begin, node
        leg = t[prev][seq[-1]]
        drive += leg
        start[-1] = clock + (svc[prev] if n > 2 else 0.0) + leg
        feasible = feasible and start[-1] <= spec.end + EPS and drive <= spec.max_drive + EPS
        slack = [0.0] * n
        slack[-1] = spec.end - start[-1]
        for k in range(n - 2, 0, -1):
            room = closes[seq[k]] - start[k]
            slack[k] = wait[k] + (room if room < slack[k + 1] else slack[k + 1])
        slack[0] = slack[1] if n > 1 else 0.0
        return _Day(nodes, np.array(start), np.array(slack), drive, feasible)

    def repair(self, d: int, nodes: np.ndarray) -> _Day | None:
        """Drop visits until the day is feasible; None if even the empty day is not."""
        day = self.timetable(d, nodes)
        while not day.feasible:
            if len(day.nodes) <= 2:
                return None
            inner = day.nodes[1:-1]
            # Drop the visit whose removal saves the most time per point of value.
            saving = (
                self.t[day.nodes[:-2], inner]
                + self.t[inner, day.nodes[2:]]
                + self.svc[inner]
                - self.t[day.nodes[:-2], day.nodes[2:]]
            )
            k = int(np.argmax(saving / (self.value[inner] + 1.0))) + 1
            day = self.timetable(d, np.delete(day.nodes, k))
        return day

    # --- insertion ----------------------------------------------------------------------------
    def evaluate(self, d: int, day: _Day, unvisited: np.ndarray, noise: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best insertion ratio (score^2 / added time) of every candidate into day d, and its gap."""
        t, svc, spec = self.t, self.svc, self.p.days[d]
        prev, nxt = day.nodes[:-1], day.nodes[1:]
        leave = day.start[:-1] + svc[prev]
        tp = t[prev[:, None], unvisited[None, :]]
        tn = t[unvisited[None, :], nxt[:, None]]
        tpn = t[prev, nxt][:, None]
        arrive = leave[:, None] + tp
        start = np.maximum(arrive, self.opens[d, unvisited])
        shift = start - leave[:, None] + svc[unvisited] + tn - tpn
        ok = (arrive <= self.closes[d, unvisited] + EPS) & (shift <= day.slack[1:, None] + EPS)
        if spec.max_drive != float("inf"):
            ok &= day.drive + tp + tn - tpn <= spec.max_drive + EPS
        ratio = np.where(ok, self.weight[unvisited] * noise / np.maximum(shift, 1e-2), -1.0)
        gap = ratio.argmax(axis=0)
        return ratio[gap, np.arange(len(unvisited))], gap

    def fill(
        self, days: list[_Day], unvisited: np.ndarray, only: int | None = None, noise_level: float = NOISE
    ) -> tuple[list[_Day], np.ndarray]:
        """Best insertion until nothing fits; only the day that changed is re-evaluated.

        Candidates stay in one array for the whole fill; an inserted one is masked out rather than deleted.
        """
        alive = np.ones(len(unvisited), dtype=bool)
        cached: list[np.ndarray | None] = [None] * len(days)
        gaps: list[np.ndarray | None] = [None] * len(days)
        noise = self.rng.uniform(1 - noise_level, 1 + noise_level, len(unvisited))
        for d in range(len(days)):
            if only is not None and d != only:
                cached[d] = np.full(len(unvisited), -1.0)
        while alive.any():
            best_ratio, best = 0.0, None
            for d, day in enumerate(days):
                if cached[d] is None:
                    ratio, gap = self.evaluate(d, day, unvisited, noise)
                    ratio[~alive] = -1.0
                    cached[d], gaps[d] = ratio, gap
                j = int(cached[d].argmax())
                if cached[d][j] > best_ratio:
                    best_ratio, best = cached[d][j], (d, int(gaps[d][j]), j)
            if best is None:
                break
            d, gap, j = best
            nodes = days[d].nodes
            days[d] = self.timetable(d, np.concatenate((nodes[: gap + 1], unvisited[j : j + 1], nodes[gap + 1 :])))
            alive[j] = False
            for k in range(len(days)):
                if cached[k] is not None:
                    cached[k][j] = -1.0
            cached[d] = None
        return days, unvisited[alive]

    def replace(self, days: list[_Day], unvisited: np.ndarray) -> tuple[list[_Day], np.ndarray, bool]:
        """Put an unvisited place in the slot of a visited one worth less, where the day's slack allows."""
        t, svc = self.t, self.svc
        best_gain, best = 1e-9, None
        for d, day in enumerate(days):
            if len(day.nodes) <= 2 or not len(unvisited):
                continue
            spec = self.p.days[d]
            prev, old, nxt = day.nodes[:-2], day.nodes[1:-1], day.nodes[2:]
            leave = day.start[:-2] + svc[prev]
            arrive = leave[:, None] + t[prev[:, None], unvisited[None, :]]
            start = np.maximum(arrive, self.opens[d, unvisited])
            reach_next = start + svc[unvisited] + t[unvisited[None, :], nxt[:, None]]
            old_reach = (day.start[1:-1] + svc[old] + t[old, nxt])[:, None]
            shift = reach_next - old_reach
            ok = (arrive <= self.closes[d, unvisited] + EPS) & (shift <= day.slack[2:, None] + EPS)
            if spec.max_drive != float("inf"):
                delta = (
                    t[prev[:, None], unvisited[None, :]]
                    + t[unvisited[None, :], nxt[:, None]]
                    - (t[prev, old] + t[old, nxt])[:, None]
                )
                ok &= day.drive + delta <= spec.max_drive + EPS
            gain = np.where(ok, self.value[unvisited][None, :] - self.value[old][:, None], -1.0)
            flat = int(gain.argmax())
            if gain.flat[flat] > best_gain:
                best_gain, best = gain.flat[flat], (d, *divmod(flat, len(unvisited)))
        if best is None:
            return days, unvisited, False
        d, k, j = best
        nodes = days[d].nodes.copy()
        removed = nodes[k + 1]
        nodes[k + 1] = unvisited[j]
        days = list(days)
        days[d] = self.timetable(d, nodes)
        unvisited = unvisited.copy()
        unvisited[j] = removed
        return days, unvisited, True

    def improve(self, days: list[_Day], unvisited: np.ndarray, noise_level: float = NOISE) -> list[_Day]:
        """Fill, then trade visited places for better unvisited ones while that helps, refilling after each."""
        days, unvisited = self.fill(days, unvisited, noise_level=noise_level)
        for _ in range(REPLACE_ROUNDS):
            days, unvisited, changed = self.replace(days, unvisited)
            if not changed:
                break
            days, unvisited = self.fill(days, unvisited)
        return days

    # --- perturbation ---------------------------------------------------------------------------
    def shake(self, days: list[_Day], start_pos: int, size: int) -> list[_Day]:
        out = []
        chosen = self.rng.random(len(days)) < SHAKE_SHARE
        chosen[int(self.rng.integers(len(days)))] = True
        for d, day in enumerate(days):
            inner = day.nodes[1:-1]
            if len(inner) == 0 or not chosen[d]:
                out.append(day)
                continue
            drop = {(start_pos + i) % len(inner) for i in range(min(size, len(inner)))}
            keep = [node for i, node in enumerate(inner) if i not in drop]
            nodes = np.array([day.nodes[0], *keep, day.nodes[-1]], dtype=np.int64)
            out.append(self.repair(d, nodes) or day)
        return out

    def move_night(self, days: list[_Day]) -> list[_Day] | None:
        """Send one night to another lodging near that evening's or the next morning's route."""
        choices = [k for k in range(len(days)) if len(self.p.night_options(k)) > 1]
        if not choices:
            return None
        k = choices[int(self.rng.integers(len(choices)))]
        options = np.array(self.p.night_options(k), dtype=np.int64)
        inner = days[k].nodes[1:-1]
        if k + 1 < len(days):
            inner = np.concatenate([inner, days[k + 1].nodes[1:-1]])
        if len(inner):
            anchor = inner[int(self.rng.integers(len(inner)))]
            near = options[np.argsort(self.t[anchor, options] + self.t[options, anchor])[:NIGHT_NEIGHBOURS]]
        else:
            near = options
        lodging = int(near[int(self.rng.integers(len(near)))])
        if lodging == days[k].nodes[-1]:
            return None
        new = list(days)
        nodes = days[k].nodes.copy()
        nodes[-1] = lodging
        repaired = self.repair(k, nodes)
        if repaired is None:
            return None
        new[k] = repaired
        if k + 1 < len(days):
            nodes = days[k + 1].nodes.copy()
            nodes[0] = lodging
            repaired = self.repair(k + 1, nodes)
            if repaired is None:
                return None
            new[k + 1] = repaired
        return new

    def best_nights(self, days: list[_Day]) -> list[_Day]:
        """For each night, the lodging that keeps both days feasible with the least driving.

        All lodgings are screened at once: the evening leg must arrive in time and the next morning's
        change of arrival at the first visit must fit in that visit's forward slack.
        """
        t, svc = self.t, self.svc
        for k in range(len(days)):
            options = np.array(self.p.night_options(k), dtype=np.int64)
            if len(options) < 2:
                continue
            day, spec = days[k], self.p.days[k]
            last, old = day.nodes[-2], day.nodes[-1]
            depart = day.start[-2] + (svc[last] if len(day.nodes) > 2 else 0.0)
            drive_a = day.drive - t[last, old] + t[last, options]
            ok = (depart + t[last, options] <= spec.end + EPS) & (drive_a <= spec.max_drive + EPS)
            total = drive_a
            if k + 1 < len(days):
                nxt, nspec = days[k + 1], self.p.days[k + 1]
                first = nxt.nodes[1]
                drive_b = nxt.drive - t[old, first] + t[options, first]
                ok &= drive_b <= nspec.max_drive + EPS
                if len(nxt.nodes) > 2:
                    arrive = nspec.start + t[options, first]
                    begin = np.maximum(arrive, self.opens[k + 1, first])
                    ok &= (arrive <= self.closes[k + 1, first] + EPS) & (begin - nxt.start[1] <= nxt.slack[1] + EPS)
                else:
                    ok &= nspec.start + t[options, first] <= nspec.end + EPS
                total = total + drive_b
            total = np.where(ok, total, np.inf)
            best = int(np.argmin(total))
            if options[best] == old or not np.isfinite(total[best]):
                continue
            current = total[options == old]
            if current.size and total[best] >= current[0] - 1e-6:
                continue
            a = day.nodes.copy()
            a[-1] = options[best]
            day_a = self.timetable(k, a)
            day_b = None
            if k + 1 < len(days):
                b = days[k + 1].nodes.copy()
                b[0] = options[best]
                day_b = self.timetable(k + 1, b)
            if day_a.feasible and (day_b is None or day_b.feasible):
                days = list(days)
                days[k] = day_a
                if day_b is not None:
                    days[k + 1] = day_b
        return days

    # --- bookkeeping ------------------------------------------------------------------------------
    def objective(self, days: list[_Day]) -> tuple[float, float]:
        value = sum(float(self.value[day.nodes[1:-1]].sum()) for day in days)
        return value, -sum(day.drive for day in days)

    def unvisited(self, days: list[_Day]) -> np.ndarray:
        used = np.concatenate([day.nodes[1:-1] for day in days]) if days else np.array([], dtype=np.int64)
        return np.setdiff1d(self.candidates, used, assume_unique=False)

    def to_plan(self, days: list[_Day], iterations: int, seconds: float) -> Plan:
        plans: list[DayPlan] = []
        for d, day in enumerate(days):
            plans.append(
                schedule_day(self.p, d, int(day.nodes[0]), int(day.nodes[-1]), [int(x) for x in day.nodes[1:-1]])
            )
        visited = {v.node for dp in plans for v in dp.visits}
        score = sum(self.p.nodes[v].score for v in visited)
        missing = tuple(sorted(m for m in self.p.must if m not in visited))
        return Plan(tuple(plans), score, sum(dp.drive for dp in plans), iterations, seconds, missing)

    def initial(self, warm: list[list[int]] | None, nights: list[int] | None) -> list[_Day]:
        p = self.p
        if nights is None:
            nights = [self._first_night(k) for k in range(p.n_days)]
        days: list[_Day] = []
        begin = p.start
        allowed = set(p.candidates)
        for d in range(p.n_days):
            end = nights[d] if nights[d] in p.night_options(d) else self._first_night(d)
            visits = [v for v in (warm[d] if warm and d < len(warm) else []) if v in allowed]
            nodes = np.array([begin, *visits, end], dtype=np.int64)
            day = self.repair(d, nodes)
            if day is None:
                day = self.timetable(d, np.array([begin, end], dtype=np.int64))
            days.append(day)
            begin = end
        seen: set[int] = set()
        for d, day in enumerate(days):
            keep = [v for v in day.nodes[1:-1] if not (v in seen or seen.add(v))]
            if len(keep) != len(day.nodes) - 2:
                days[d] = self.timetable(d, np.array([day.nodes[0], *keep, day.nodes[-1]], dtype=np.int64))
        return days

    def construct(self) -> list[_Day] | None:
        """Day by day, end each day at the lodging that lets that day collect the most."""
        p = self.p
        unvisited = self.candidates
        days: list[_Day] = []
        begin = p.start
        for d in range(p.n_days):
            best: tuple[tuple[float, float], list[_Day], np.ndarray] | None = None
            for night in p.night_options(d):
                empty = self.timetable(d, np.array([begin, night], dtype=np.int64))
                if not empty.feasible:
                    continue
                if d + 1 == p.n_days - 1 and p.end is not None:
                    back = self.timetable(d + 1, np.array([night, p.end], dtype=np.int64))
                    if not back.feasible:
                        continue
                trial, rest = self.fill([*days, empty], unvisited.copy(), only=d)
                day = trial[d]
                key = (float(self.value[day.nodes[1:-1]].sum()), -day.drive)
                if best is None or key > best[0]:
                    best = (key, trial, rest)
            if best is None:
                return None
            days, unvisited = best[1], best[2]
            begin = int(days[-1].nodes[-1])
        return days

    def _first_night(self, d: int) -> int:
        options = self.p.night_options(d)
        return min(options, key=lambda h: self.t[self.p.start, h])


def solve(
    problem: Problem,
    *,
    time_limit: float = 1.0,
    seed: int = 0,
    max_iterations: int | None = None,
    stall_iterations: int | None = None,
    progress: Progress | None = None,
    warm_start: list[list[int]] | None = None,
    warm_nights: list[int] | None = None,
) -> Plan:
    """Best plan found within the limits; deterministic for a seed whenever an iteration limit stops it.

    Stops at whichever comes first: ``time_limit`` seconds, ``max_iterations`` or ``stall_iterations``
    iterations without improvement. A warm start (visits per day, lodging per night) is never worsened.
    """
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    search = _Search(problem, rng)
    current = search.initial(warm_start, warm_nights)
    current, _ = search.fill(current, search.unvisited(current))
    if warm_start is None and problem.n_days > 1 and len(problem.lodgings) > 1:
        built = search.construct()
        if built is not None and search.objective(built) > search.objective(current):
            current = built
    current = search.best_nights(current)
    best, best_obj = list(current), search.objective(current)
    size, pos, since_best, iteration = 1, 0, 0, 0
    last_report = started
    multi_night = any(len(problem.night_options(k)) > 1 for k in range(problem.n_days))
    restart_after = 40

    def beats(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[0] > b[0] + 1e-9 or (abs(a[0] - b[0]) <= 1e-9 and a[1] > b[1] + 1e-6)

    while True:
        elapsed = time.perf_counter() - started
        if elapsed >= time_limit:
            break
        if max_iterations is not None and iteration >= max_iterations:
            break
        if stall_iterations is not None and since_best >= stall_iterations:
            break
        iteration += 1
        candidate = current
        if multi_night and rng.random() < 0.25:
            moved = search.move_night(candidate)
            if moved is not None:
                candidate = moved
        candidate = search.shake(candidate, pos, size)
        candidate = search.improve(candidate, search.unvisited(candidate))
        if multi_night:
            candidate = search.best_nights(candidate)
        obj = search.objective(candidate)
        current = candidate
        if beats(obj, best_obj):
            best, best_obj = list(candidate), obj
            size, since_best = 1, 0
        else:
            since_best += 1
            size += 1
        longest = max((len(day.nodes) - 2 for day in current), default=1)
        pos = (pos + size) % max(longest, 1)
        if size > max(1, min(longest // 2 + 1, MAX_SHAKE)):
            size = 1
        if since_best and since_best % restart_after == 0:
            current = list(best)
            pos = int(rng.integers(max(longest, 1)))
        if progress is not None and time.perf_counter() - last_report > 0.05:
            last_report = time.perf_counter()
            done = elapsed / time_limit
            if max_iterations:
                done = max(done, iteration / max_iterations)
            progress(min(done, 0.99), search.to_plan(best, iteration, elapsed))
    plan = search.to_plan(best, iteration, time.perf_counter() - started)
    if progress is not None:
        progress(1.0, plan)
    return plan

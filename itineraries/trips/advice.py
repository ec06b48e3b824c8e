"""Why a plan is empty or thin, and what would help: another mode, a higher cap, more days, another start."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.models import Destination
from itineraries.routing import Plan

if TYPE_CHECKING:
    from itineraries.trips.selectors import PlanContext

# What each advice code means, for the API schema.
ADVICE_CODES = {
    "free_day": "nothing worth the drive is left",
    "nothing_open": "every place is closed that day",
    "out_of_reach": "the nearest place is over the day's driving cap",
    "thin": "fewer stops than days",
    "interests_short": "too few places match the interests; the region's best fill the other days",
    "route_promise": "the themed route promises something this plan could not keep on these dates",
}
SAME_TOWN_KM = 3.0  # a town and its hotels are one place to a tourist
MODE_NAMES = {"car": ("car", "自驾"), "ebike": ("e-bike", "电动自行车"), "bicycle": ("bicycle", "自行车")}


def _hours(minutes: float) -> str:
    return f"{minutes / 60:.1f} h"


def _nearest_round_trip(
    context: PlanContext, d: int, begin: int, end: int, travel: np.ndarray, visited: set[int]
) -> float:
    """Fewest minutes on the road for day d to visit any place open that day and not yet in the plan."""
    problem = context.problem
    best = np.inf
    for node in problem.candidates:
        if node in visited:
            continue
        if problem.opens[d, node] > problem.closes[d, node]:
            continue  # closed that day
        best = min(best, travel[begin, node] + travel[node, end])
    return float(best)


def _by_other_mode(context: PlanContext, slug_from: str, slug_to: str, mode: str) -> float:
    matrix = catalogue.matrix_current(mode=mode, scenic=False)
    i, k = matrix.index(slug_from), matrix.index(slug_to)
    best = np.inf
    for node in context.problem.candidates:
        j = matrix.index(context.slugs[node])
        best = min(best, float(matrix.minutes[i, j] + matrix.minutes[j, k]))
    return best


def _matches(context: PlanContext, slug: str) -> bool:
    return bool(set(context.request.interests) & set(context.places[slug].categories))


def _interests_short(plan: Plan, context: PlanContext) -> dict[str, Any] | None:
    """When the tourist's interests cannot fill two places a day, say so, and where the nearest matching
    place left out lies."""
    request = context.request
    if not request.interests:
        return None
    planned = {context.slugs[node] for node in plan.visited}
    matched = sum(_matches(context, slug) for slug in planned)
    if matched >= 2 * request.days:
        return None
    kinds = ", ".join(request.interests)
    en = (
        f"Few places match {kinds} within this trip's reach: {matched} in the plan, so the other stops are the "
        "region's best sights."
    )
    zh = f"此行程范围内符合（{kinds}）的景点不多：行程中有{matched}处，其余安排的是本地区的精华景点。"
    start = context.matrix.index(request.start)
    left = [
        (float(context.matrix.km[start, context.matrix.index(slug)]), slug)
        for slug, place in context.places.items()
        if place.kind == Destination.Kind.SIGHT
        and slug not in planned
        and slug in context.matrix.keys
        and _matches(context, slug)
    ]
    if left:
        km, slug = min(left)
        place = context.places[slug]
        en += (
            f" The nearest one left out, {place.name_en}, is {km:.0f} km by road from the start: add it as a "
            "must-see or start nearer it."
        )
        zh += f"未安排的最近一处是{place.name_zh}，距出发地{km:.0f}公里：可设为必去景点，或从更近处出发。"
    return {"code": "interests_short", "day": None, "en": en, "zh": zh}


def plan_advice(plan: Plan, context: PlanContext) -> list[dict[str, Any]]:
    """Messages (English and Chinese) for each empty day the tourist did not ask to rest, and for a trip with
    fewer stops than days."""
    request, problem = context.request, context.problem
    cap = request.drive_cap
    mode_en, mode_zh = MODE_NAMES[request.mode]
    advice: list[dict[str, Any]] = []
    empty = [d for d, day in enumerate(plan.days) if not day.visits and d + 1 not in request.rest_days]
    visited = set(plan.visited)
    for d in empty:
        day = plan.days[d]
        needed = _nearest_round_trip(context, d, day.begin, day.end, problem.travel, visited)
        begin = context.places[context.slugs[day.begin]]
        if np.isfinite(needed) and needed <= cap:
            advice.append(
                {
                    "code": "free_day",
                    "day": d + 1,
                    "en": f"Day {d + 1} is free around {begin.name_en}: the places worth the drive are already in "
                    "the plan. Add interests or a must-see to fill it, or enjoy a rest day.",
                    "zh": f"第{d + 1}天在{begin.name_zh}附近自由活动：值得前往的景点已在行程中。"
                    "可增加兴趣或必去景点，或安排休息。",
                }
            )
            continue
        if not np.isfinite(needed):
            advice.append(
                {
                    "code": "nothing_open",
                    "day": d + 1,
                    "en": f"Day {d + 1}: no place to visit is open on {request.dates[d].isoformat()}.",
                    "zh": f"第{d + 1}天：{request.dates[d].isoformat()} 没有开放的景点。",
                }
            )
            continue
        help_en, help_zh = [], []
        if request.mode != "car":
            by_car = _by_other_mode(context, context.slugs[day.begin], context.slugs[day.end], "car")
            if by_car <= request.drive_cap:
                help_en.append("travel by car")
                help_zh.append("改为自驾")
        if request.max_drive_hours is not None:
            help_en.append("raise the daily hours at the wheel")
            help_zh.append("提高每日驾驶时长上限")
        if request.days == 1:
            help_en.append("add a day and sleep nearer the sights")
            help_zh.append("增加一天，住在景点附近")
        help_en.append("start from a town nearer the sights")
        help_zh.append("从离景点更近的城镇出发")
        if problem.distance is None or problem.distance[day.begin, day.end] < SAME_TOWN_KM:
            way_en, way_zh = f"from {begin.name_en} there and back", f"从{begin.name_zh}出发，最近的景点往返"
        else:  # a day that rides or drives on to the next base: the stop must fit on the way
            finish = context.places[context.slugs[day.end]]
            way_en = f"on the way from {begin.name_en} to {finish.name_en}"
            way_zh = f"从{begin.name_zh}前往{finish.name_zh}途中，顺路最近的景点"
        advice.append(
            {
                "code": "out_of_reach",
                "day": d + 1,
                "en": f"Day {d + 1}: the nearest place to visit {way_en} needs {_hours(needed)} by {mode_en}, "
                f"over the day's cap of {_hours(cap)}. To see more: " + ", or ".join(help_en) + ".",
                "zh": f"第{d + 1}天：{way_zh}需{_hours(needed)}（{mode_zh}），"
                f"超过每日上限{_hours(cap)}。建议：" + "，或".join(help_zh) + "。",
            }
        )
    stops = sum(len(day.visits) for day in plan.days)
    if not empty and stops < request.days:
        advice.append(
            {
                "code": "thin",
                "day": None,
                "en": f"Only {stops} place(s) fit in {request.days} day(s) by {mode_en} within {_hours(cap)} a day "
                "on the road. A faster mode, a higher cap or another start would fit more.",
                "zh": f"{request.days}天内（{mode_zh}，每日路上不超过{_hours(cap)}）只能安排{stops}个景点。"
                "换交通方式、提高上限或换出发地可以安排更多。",
            }
        )
    short = _interests_short(plan, context)
    if short is not None:
        advice.append(short)
    return advice

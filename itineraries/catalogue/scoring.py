"""How a tourist's interests turn a place's categories and editorial weight (1-10) into a score.

    score = weight x factor
    factor = 1                          when the tourist named no interests
           = 2 + (matches - 1)          when m >= 1 of the place's categories are among the interests
           = 0.25                       when none match (still plannable, rarely worth the detour)
             rising to 1 (as if no interests were named) as the interests run short: when fewer than
             two places a day within the trip's reach match them, by the share missing, so the
             region's best fill the days the interests cannot

So a cycling lover's plan fills up with cycling places, a temple lover's with temples, and a place that
fits two interests counts three times its weight. Finally a place that deserves a long visit is worth
more than a quick stop: the score is multiplied by sqrt(visit hours), so Pingyao's half day (4 h) counts
double a one-hour temple of the same weight, but not four times.
"""

from __future__ import annotations

import math

NO_MATCH_FACTOR = 0.25


def interest_factor(
    categories: list[str] | tuple[str, ...], interests: list[str] | tuple[str, ...], *, shortfall: float = 0.0
) -> float:
    if not interests:
        return 1.0
    matches = len(set(categories) & set(interests))
    if matches:
        return 2.0 + (matches - 1)
    return NO_MATCH_FACTOR + (1.0 - NO_MATCH_FACTOR) * shortfall


def interests_shortfall(matching: int, days: int) -> float:
    """The share of a trip's places its interests cannot supply, at two places a day: 0 when enough match,
    1 when none do."""
    wanted = 2 * days
    return max(0.0, wanted - matching) / wanted if wanted else 0.0


def place_score(
    weight: float,
    categories: list[str] | tuple[str, ...],
    interests: list[str] | tuple[str, ...],
    visit_minutes: float = 60,
    *,
    shortfall: float = 0.0,
) -> float:
    factor = interest_factor(categories, interests, shortfall=shortfall)
    return float(weight) * factor * math.sqrt(max(visit_minutes, 1) / 60)

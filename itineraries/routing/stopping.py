"""When a search stops: small criteria combined with ``|`` (the first one reached stops the search).

solve(problem, MaxRuntime(0.3) | NoImprovement(2_500), seed=1)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Status:
    """What a criterion looks at: time spent, iterations done, and iterations since the best plan improved."""

    seconds: float
    iterations: int
    stalled: int


class StoppingCriterion:
    def done(self, status: Status) -> bool:
        raise NotImplementedError

    def iterations_left(self, status: Status) -> int | None:
        """At most this many iterations may run before the criterion could be met (None: no such bound)."""
        return None

    def seconds_left(self, status: Status) -> float | None:
        return None

    def fraction(self, status: Status) -> float:
        """How far towards the limit, 0 to 1, for progress bars (0 when the criterion cannot tell)."""
        return 0.0

    def __or__(self, other: StoppingCriterion) -> FirstOf:
        return FirstOf((*_parts(self), *_parts(other)))


def _parts(criterion: StoppingCriterion) -> tuple[StoppingCriterion, ...]:
    return criterion.criteria if isinstance(criterion, FirstOf) else (criterion,)


@dataclass(frozen=True)
class MaxRuntime(StoppingCriterion):
    seconds: float

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError("seconds must be >= 0")

    def done(self, status: Status) -> bool:
        return status.seconds >= self.seconds

    def seconds_left(self, status: Status) -> float:
        return max(self.seconds - status.seconds, 0.0)

    def fraction(self, status: Status) -> float:
        return min(status.seconds / self.seconds, 1.0) if self.seconds else 1.0


@dataclass(frozen=True)
class Deadline(StoppingCriterion):
    """A time limit shared by every search that uses the criterion: made once, it counts from its making, so
    the solves of one re-plan (a run of days, a trial per day, a cold start) share ``seconds`` between them
    instead of each taking them whole. ``fraction`` is the share of the whole budget used."""

    seconds: float
    started: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError("seconds must be >= 0")

    def _spent(self) -> float:
        return time.perf_counter() - self.started

    def done(self, status: Status) -> bool:
        return self._spent() >= self.seconds

    def seconds_left(self, status: Status) -> float:
        return max(self.seconds - self._spent(), 0.0)

    def fraction(self, status: Status) -> float:
        return min(self._spent() / self.seconds, 1.0) if self.seconds else 1.0


@dataclass(frozen=True)
class MaxIterations(StoppingCriterion):
    iterations: int

    def __post_init__(self) -> None:
        if self.iterations < 0:
            raise ValueError("iterations must be >= 0")

    def done(self, status: Status) -> bool:
        return status.iterations >= self.iterations

    def iterations_left(self, status: Status) -> int:
        return max(self.iterations - status.iterations, 0)

    def fraction(self, status: Status) -> float:
        return min(status.iterations / self.iterations, 1.0) if self.iterations else 1.0


@dataclass(frozen=True)
class NoImprovement(StoppingCriterion):
    """Stop after this many iterations in a row found no better plan: deterministic, and quick where the
    search converges early."""

    iterations: int

    def __post_init__(self) -> None:
        if self.iterations < 0:
            raise ValueError("iterations must be >= 0")

    def done(self, status: Status) -> bool:
        return status.stalled >= self.iterations

    def iterations_left(self, status: Status) -> int:
        return max(self.iterations - status.stalled, 0)


@dataclass(frozen=True)
class FirstOf(StoppingCriterion):
    criteria: tuple[StoppingCriterion, ...]

    def done(self, status: Status) -> bool:
        return any(c.done(status) for c in self.criteria)

    def iterations_left(self, status: Status) -> int | None:
        bounds = [b for c in self.criteria if (b := c.iterations_left(status)) is not None]
        return min(bounds) if bounds else None

    def seconds_left(self, status: Status) -> float | None:
        bounds = [b for c in self.criteria if (b := c.seconds_left(status)) is not None]
        return min(bounds) if bounds else None

    def fraction(self, status: Status) -> float:
        return max((c.fraction(status) for c in self.criteria), default=0.0)

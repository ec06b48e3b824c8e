"""What a themed route promises beyond its must-sees, as data an editor curates (docs/catalogue.md).

A route's description says where it sleeps, what its first day holds, what a longer trip adds, how far it
strays from its own places, and, on two wheels, how much of each day is spent riding. The planner keeps these
promises (``trips/selectors.py``), and ``trips/promises.py`` checks a finished plan against them.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

KEYS = ("nights", "day_one", "longer", "reach_km", "riding_minutes")


@dataclass(frozen=True)
class Promises:
    nights: tuple[str, ...] = ()  # the lodging of night 1, 2, ...; "" where any will do (see ``nights_for``)
    day_one: tuple[str, ...] = ()  # places the first day visits
    longer: tuple[str, ...] = ()  # a must-see added for each day beyond the route's length ("": none that day)
    reach_km: float | None = None  # other places lie within this many road km of the route's own places
    riding_minutes: float | None = None  # least minutes a day spent riding (on the road or at a riding place)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Promises:
        data = data or {}
        reach, riding = data.get("reach_km"), data.get("riding_minutes")
        return cls(
            nights=tuple(data.get("nights", ())),
            day_one=tuple(data.get("day_one", ())),
            longer=tuple(data.get("longer", ())),
            reach_km=None if reach is None else float(reach),
            riding_minutes=None if riding is None else float(riding),
        )

    def added_for(self, days: int, route_days: int) -> tuple[str, ...]:
        """The must-sees a trip of ``days`` adds to a route of ``route_days``."""
        return tuple(slug for slug in self.longer[: max(0, days - route_days)] if slug)

    def nights_for(self, days: int, route_days: int) -> tuple[str, ...]:
        """The promised nights of a trip of ``days``: all of them at the route's length; on a longer trip only
        the first, as the added days rearrange the rest."""
        return self.nights[: days - 1] if days == route_days else self.nights[: min(1, days - 1)]

    def places(self) -> tuple[str, ...]:
        """Every place the promises name (lodgings included)."""
        return tuple(slug for slug in dict.fromkeys([*self.nights, *self.day_one, *self.longer]) if slug)


def promise_errors(data: Any, sights: set[str], lodgings: Set[str]) -> list[tuple[str, str]]:
    """What is wrong with a route's promises, as (field, message) pairs."""
    if data in (None, ""):
        return []
    if not isinstance(data, dict):
        return [("promises", _("must be an object"))]
    errors = [("promises", _("unknown promise %(key)r") % {"key": key}) for key in data if key not in KEYS]
    for key, known, kind in (
        ("nights", lodgings, _("lodging")),
        ("day_one", sights, _("place")),
        ("longer", sights, _("place")),
    ):
        values = data.get(key, [])
        if not isinstance(values, list):
            errors.append(("promises", _("%(key)s must be a list") % {"key": key}))
            continue
        for slug in values:
            if slug != "" and slug not in known:
                errors.append(
                    ("promises", _("%(key)s: unknown %(kind)s %(slug)r") % {"key": key, "kind": kind, "slug": slug})
                )
    for key in ("reach_km", "riding_minutes"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value <= 0):
            errors.append(("promises", _("%(key)s must be a positive number") % {"key": key}))
    return errors

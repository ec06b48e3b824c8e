import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from itineraries.catalogue.selectors import destination_list
from itineraries.trips.compute import plan_make
from itineraries.trips.errors import InvalidRequest, PlanError
from itineraries.trips.facts import hours_text, ticket_text
from itineraries.trips.trip_result import TripResult
from itineraries.trips.validation import PlanInput, plan_request_build
from itineraries.trips.wording import advice_text, missing_reason, refusals, result_wire

NO_CATALOGUE = (
    "the database holds no catalogue yet: run `python manage.py migrate` and `python manage.py loadseeds` "
    "(README's first command does both)"
)


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


class Command(BaseCommand):
    help = "Plan a trip from the command line and print it day by day (or as JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True)
        parser.add_argument("--days", type=int, required=True)
        parser.add_argument("--date")
        parser.add_argument("--interests")
        parser.add_argument("--mode", default="car")
        parser.add_argument("--pace", default="normal")
        parser.add_argument("--must")
        parser.add_argument("--avoid")
        parser.add_argument("--end")
        parser.add_argument("--scenic", action="store_true")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--max-drive-hours", type=float, help="lower the daily cap on hours at the wheel")
        parser.add_argument("--rest-days", help="days spent at the night's base, e.g. 3 or 2,4")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **o):
        try:
            ready = destination_list().exists()
        except DatabaseError:  # not migrated
            ready = False
        if not ready:
            raise CommandError(NO_CATALOGUE)
        try:
            date = dt.date.fromisoformat(o["date"]) if o["date"] else None
        except ValueError as exc:
            raise CommandError("date: use YYYY-MM-DD, e.g. 2027-05-03") from exc
        given = PlanInput(
            start=o["start"],
            days=o["days"],
            date=date,
            interests=tuple(_csv(o["interests"])),
            mode=o["mode"],
            pace=o["pace"],
            must=tuple(_csv(o["must"])),
            avoid=tuple(_csv(o["avoid"])),
            end=o["end"] or None,
            scenic=o["scenic"],
            seed=o["seed"],
            max_drive_hours=o["max_drive_hours"],
            rest_days=_days(o["rest_days"]),
        )
        try:
            request = plan_request_build(given=given)
        except InvalidRequest as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in refusals(exc).items())) from exc
        try:
            result = plan_make(request=request, solver_seconds=max(settings.PLAN_SOLVER_SECONDS, 2.0))
        except PlanError as exc:
            raise CommandError(str(exc)) from exc
        if o["json"]:
            self.stdout.write(json.dumps(result_wire(result), ensure_ascii=False, indent=1))
            return
        self.stdout.write(self._text(result))

    @staticmethod
    def _text(result: TripResult) -> str:
        lines = []
        for n, day in enumerate(result.days, start=1):
            rest = "  (rest day)" if day.rest else ""
            lines.append(
                f"Day {n}  {day.date}{rest}  from {day.start.name_en} ({day.start.name_zh})"
                f"  {day.drive_km} km, {day.drive_minutes} min on the road (cap {day.drive_cap_minutes} min)"
            )
            for leg, stop in zip(day.legs, day.stops, strict=False):
                lines.append(f"    {leg.km:6.1f} km {leg.minutes:4d} min  ->")
                lines.append(
                    f"  {stop.arrive:%H:%M}-{stop.depart:%H:%M}  {stop.name_en} ({stop.name_zh})"
                    f"  {hours_text(stop)}; {ticket_text(stop)}"
                )
            last = day.legs[-1]
            lines.append(f"    {last.km:6.1f} km {last.minutes:4d} min  ->")
            night = day.lodging or day.end
            label = "Sleep at" if day.lodging else "Trip ends at"
            lines.append(f"  {day.day_end:%H:%M}  {label} {night.name_en} ({night.name_zh})")
            lines.append("")
        lines.append(f"Total: {result.total_km} km, {result.total_drive_minutes} min on the road, score {result.score}")
        for missing in result.missing_must:
            lines.append(f"Could not fit must-see {missing.slug}: {missing_reason(missing)}")
        lines.extend(advice_text(advice) for advice in result.advice)
        return "\n".join(lines)


def _days(value: str | None) -> tuple[int, ...]:
    try:
        return tuple(int(day) for day in _csv(value))
    except ValueError as exc:
        raise CommandError("rest-days: day numbers separated by commas, e.g. 2,4") from exc

"""CSV and JSON import/export of destinations, with a dry run that reports every bad row first."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from itineraries.catalogue.models import DESTINATION_FIELDS, Destination
from itineraries.catalogue.validation import destination_errors

FIELDS = [*DESTINATION_FIELDS, "published"]
JSON_FIELDS = {"categories", "opening_hours"}
KINDS = {k for k, _ in Destination.Kind.choices}


@dataclass(frozen=True)
class RowChange:
    line: int  # the CSV line, or the position in a JSON list, counted from 1
    slug: str
    created: bool
    fields: tuple[tuple[str, object, object], ...]  # (field, old, new); every given field for a new place


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows left out for their errors
    errors: list[tuple[int, str, str, str]] = field(default_factory=list)  # (line, slug, field, message)
    changes: list[RowChange] = field(default_factory=list)
    written: bool = False


def export_rows(rows: QuerySet[Destination] | None = None) -> list[dict]:
    chosen = Destination.objects.all() if rows is None else rows
    return [{f: getattr(d, f) for f in FIELDS} for d in chosen.order_by("slug")]


def export_json(rows: QuerySet[Destination] | None = None) -> str:
    return json.dumps(export_rows(rows), ensure_ascii=False, indent=1)


def export_csv(rows: QuerySet[Destination] | None = None, *, bom: bool = False) -> str:
    """CSV of the destinations; with a byte-order mark, spreadsheet programs read the Chinese names as UTF-8."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for row in export_rows(rows):
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if k in JSON_FIELDS else ("" if v is None else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()


def _parse_csv(text: str) -> list[tuple[int, dict]]:
    rows = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    line = 1
    for raw in reader:
        first_line, line = line + 1, reader.line_num
        row: dict = dict(raw)
        for key in JSON_FIELDS:
            if row.get(key):
                try:
                    row[key] = json.loads(row[key])
                except json.JSONDecodeError:
                    row[key] = f"<invalid JSON: {row[key][:40]}>"
        for key in ("lat", "lon"):
            with contextlib.suppress(TypeError, ValueError, KeyError):
                row[key] = float(row[key])
        for key in ("weight", "visit_minutes", "ticket_cny"):
            value = row.get(key)
            row[key] = (
                int(value)
                if value not in (None, "") and str(value).lstrip("-").isdigit()
                else (None if value in (None, "") else value)
            )
        for key in ("lodging", "added", "published", "hours_estimated", "ticket_estimated"):
            row[key] = str(row.get(key, "")).strip().lower() in {"1", "true", "yes"}
        rows.append((first_line, row))
    return rows


def parse(text: str, fmt: str) -> list[tuple[int, dict]]:
    """(line or position, row) for every record of the file."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
        if not isinstance(data, list):
            raise ValueError("a JSON import must be a list of destinations")
        return list(enumerate(data, start=1))
    return _parse_csv(text)


def _as_model_fields(row: dict) -> dict:
    values = {f: row.get(f) for f in FIELDS if f != "slug" and f in row}
    values["lat"], values["lon"] = round(float(row["lat"]), 4), round(float(row["lon"]), 4)
    if values.get("ticket_cny") == "":
        values["ticket_cny"] = None
    return values


def _changes(current: Destination, values: dict) -> tuple[tuple[str, object, object], ...]:
    return tuple((k, getattr(current, k), v) for k, v in values.items() if getattr(current, k) != v)


# One row's check: (field, message) problems, and the model's values when there are none.
RowCheck = Callable[[dict, Destination | None], tuple[list[tuple[str, str]], dict]]


def record_check(row: dict, current: Destination | None) -> tuple[list[tuple[str, str]], dict]:
    """The catalogue's own rules for a record (the seed loader's): used where no form is at hand."""
    errors = destination_errors({**row, "hours": row.get("opening_hours", [])})
    if row.get("kind", "sight") not in KINDS:
        errors.append(("kind", f"{row.get('kind')!r} is not one of {', '.join(sorted(KINDS))}"))
    return errors, ({} if errors else _as_model_fields(row))


def destinations_import(rows: list[tuple[int, dict]], *, dry_run: bool, check: RowCheck = record_check) -> ImportReport:
    """Check every row; bad rows are listed (line, slug, field, reason) and left out, good rows are compared
    with the catalogue and, unless a dry run, written in one transaction."""
    report = ImportReport(rows=len(rows))
    good: list[tuple[int, str, dict, Destination | None]] = []
    for line, row in rows:
        if not isinstance(row, dict):
            report.errors.append((line, "", "row", "must be an object"))
            continue
        slug = str(row.get("slug") or "")
        current = Destination.objects.filter(slug=slug).first() if slug else None
        errors, values = check(row, current)
        report.errors += [(line, slug, f, m) for f, m in errors]
        if errors:
            report.skipped += 1
        else:
            good.append((line, slug, values, current))
    with transaction.atomic():
        for line, slug, values, current in good:
            if current is None:
                report.created += 1
                report.changes.append(RowChange(line, slug, True, tuple((k, None, v) for k, v in values.items())))
                if not dry_run:
                    Destination.objects.create(slug=slug, **values)
                continue
            changes = _changes(current, values)
            if not changes:
                report.unchanged += 1
                continue
            report.updated += 1
            report.changes.append(RowChange(line, slug, False, changes))
            if not dry_run:
                for k, v in values.items():
                    setattr(current, k, v)
                current.save()
    report.written = not dry_run and bool(report.changes)
    return report

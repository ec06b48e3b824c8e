"""CSV and JSON import/export of destinations, with a dry run that reports every bad row first."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from dataclasses import dataclass, field

from django.db import transaction

from itineraries.catalogue.models import DESTINATION_FIELDS, Destination
from itineraries.catalogue.validation import destination_errors

FIELDS = [*DESTINATION_FIELDS, "published"]
JSON_FIELDS = {"categories", "opening_hours"}
KINDS = {k for k, _ in Destination.Kind.choices}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, field, message)
    written: bool = False


def export_rows() -> list[dict]:
    return [{f: getattr(d, f) for f in FIELDS} for d in Destination.objects.order_by("slug")]


def export_json() -> str:
    return json.dumps(export_rows(), ensure_ascii=False, indent=1)


def export_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for row in export_rows():
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if k in JSON_FIELDS else ("" if v is None else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()


def _parse_csv(text: str) -> list[dict]:
    rows = []
    for raw in csv.DictReader(io.StringIO(text)):
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
        rows.append(row)
    return rows


def parse(text: str, fmt: str) -> list[dict]:
    if fmt == "json":
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError("a JSON import must be a list of destinations")
        return data
    return _parse_csv(text)


def _as_model_fields(row: dict) -> dict:
    values = {f: row.get(f) for f in FIELDS if f != "slug" and f in row}
    values["lat"], values["lon"] = round(float(row["lat"]), 4), round(float(row["lon"]), 4)
    if values.get("ticket_cny") == "":
        values["ticket_cny"] = None
    return values


def destinations_import(rows: list[dict], *, dry_run: bool) -> ImportReport:
    """Validate every row; write all of them in one transaction only when none has an error."""
    report = ImportReport(rows=len(rows))
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            report.errors.append((n, "row", "must be an object"))
            continue
        record = {**row, "hours": row.get("opening_hours", [])}
        report.errors += [(n, f, m) for f, m in destination_errors(record)]
        if row.get("kind", "sight") not in KINDS:
            report.errors.append((n, "kind", f"must be one of {', '.join(sorted(KINDS))}"))
    if report.errors:
        return report
    with transaction.atomic():
        for row in rows:
            values = _as_model_fields(row)
            current = Destination.objects.filter(slug=row["slug"]).first()
            if current is None:
                report.created += 1
                if not dry_run:
                    Destination.objects.create(slug=row["slug"], **values)
            elif all(getattr(current, k) == v for k, v in values.items()):
                report.unchanged += 1
            else:
                report.updated += 1
                if not dry_run:
                    for k, v in values.items():
                        setattr(current, k, v)
                    current.save()
    report.written = not dry_run
    return report

"""The seeded catalogue, loaded once per test process and copied into each test that asks for it.

Loading seeds/ takes about half a second (reading, validating and upserting every record); hundreds of tests
need it. A test process loads it once inside a transaction it rolls back, keeps the rows it wrote, and each
test that asks for the catalogue gets those rows written back in one statement per table: the same rows,
ids included, as a fresh ``loadseeds`` would give, inside the test's own transaction. A test that does not
ask sees the empty catalogue, as before.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    as_json: str  # PostgreSQL: the rows as one JSON array, written back with json_populate_recordset


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Table, ...]


def _rows(cursor, table: str) -> tuple[tuple[str, ...], list[tuple]]:
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
    columns = tuple(c[0] for c in cursor.description)
    return columns, sorted(cursor.fetchall(), key=repr)


def snapshot_take(seeds: Path) -> Snapshot:
    """Load ``seeds`` and keep what it wrote; the database is left as it was. Call with database access, outside
    any test's transaction."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        before = {name: _rows(cursor, name) for name in names}
    tables = []
    with transaction.atomic():
        call_command("loadseeds", dir=str(seeds), stdout=io.StringIO())
        with connection.cursor() as cursor:
            for name in names:
                columns, rows = _rows(cursor, name)
                if rows == before[name][1]:
                    continue
                as_json = ""
                if connection.vendor == "postgresql":
                    cursor.execute(f"SELECT json_agg(t)::text FROM {connection.ops.quote_name(name)} t")
                    as_json = cursor.fetchone()[0] or "[]"
                tables.append(Table(name, columns, tuple(rows), as_json))
        transaction.set_rollback(True)
    return Snapshot(tuple(tables))


def snapshot_restore(snapshot: Snapshot) -> None:
    """Give every table the seeds wrote exactly the rows they held after loading, in one transaction (foreign keys
    are checked at its end), then draw a new catalogue version as ``loadseeds`` does."""
    from itineraries.catalogue.cache import catalogue_version_bump

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in snapshot.tables:
            name = quote(table.name)
            cursor.execute(f"DELETE FROM {name}")
            if connection.vendor == "postgresql":
                rows = f"SELECT * FROM json_populate_recordset(NULL::{name}, %s)"
                cursor.execute(f"INSERT INTO {name} {rows}", [table.as_json])
            else:
                columns = ", ".join(quote(c) for c in table.columns)
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f"INSERT INTO {name} ({columns}) VALUES ({marks})", table.rows)
        written = {table.name for table in snapshot.tables}
        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in written]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):  # PostgreSQL: ids go on after ours
            cursor.execute(statement)
    catalogue_version_bump()

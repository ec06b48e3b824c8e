"""Benchmarks that need the app: a throw-away SQLite database loaded with the seeds."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import tempfile


def setup(database_url: str | None = None) -> None:
    if database_url is None and "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="planner-bench-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = os.path.join(folder, "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    elif database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planner.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loadseeds", stdout=io.StringIO())

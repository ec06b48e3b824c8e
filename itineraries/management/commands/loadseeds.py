from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from itineraries.catalogue.services import SeedError, catalogue_load


class Command(BaseCommand):
    help = "Upsert the catalogue in seeds/ into the database (idempotent, all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "seeds"), help="seed directory")

    def handle(self, *args, **options):
        try:
            report = catalogue_load(directory=Path(options["dir"]))
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"seeds loaded: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        )

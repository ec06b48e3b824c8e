from django.core.management.base import BaseCommand

from itineraries.routing.solver import warm_up


class Command(BaseCommand):
    help = "Compile (or load) the route optimiser's kernel once, so the first plan does not wait for it."

    def handle(self, *args, **options) -> None:
        warm_up()
        self.stdout.write("Route optimiser ready.")

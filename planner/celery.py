import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planner.settings")

app = Celery("planner")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["itineraries.trips"])


@worker_init.connect
def _load_solver(**_kwargs) -> None:
    """Load the compiled route optimiser before the first task, so no plan waits for it."""
    from itineraries.routing.solver import warm_up

    warm_up()

import os
import sys

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ItinerariesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "itineraries"
    verbose_name = _("Shanxi itineraries")

    def ready(self) -> None:
        from itineraries.catalogue import signals  # noqa: F401
        from itineraries.http import claims  # noqa: F401

        if _serving_embedded():
            from itineraries.routing.warming import warm_in_background

            warm_in_background()


def _serving_embedded() -> bool:
    """The development server of the embedded default (no Redis, plans in threads), in the process that serves:
    it warms the optimiser in the background, so the first page does not wait for the compiler."""
    if settings.REDIS_URL or settings.PLAN_EXECUTOR != "thread" or not settings.SOLVER_WARM_UP:
        return False
    if sys.argv[1:2] != ["runserver"]:
        return False
    return os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv

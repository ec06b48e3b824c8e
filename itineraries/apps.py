from django.apps import AppConfig


class ItinerariesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "itineraries"
    verbose_name = "Shanxi itineraries"

    def ready(self) -> None:
        from itineraries.catalogue import signals  # noqa: F401

"""Django finds the app's models here; they live with their domain (catalogue/, trips/)."""

from itineraries.catalogue.models import (
    DESTINATION_FIELDS,
    CatalogueVersion,
    Destination,
    Road,
    SeasonNote,
    Source,
    ThemedRoute,
    TicketPass,
)
from itineraries.trips.models import Itinerary

__all__ = [
    "DESTINATION_FIELDS",
    "CatalogueVersion",
    "Destination",
    "Itinerary",
    "Road",
    "SeasonNote",
    "Source",
    "ThemedRoute",
    "TicketPass",
]

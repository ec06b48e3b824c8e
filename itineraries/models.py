"""Django finds the app's models here; they live with their domain (catalogue/, trips/, api/)."""

from itineraries.accounts.models import ApiToken
from itineraries.api.models import IdempotentAnswer
from itineraries.catalogue.models import (
    DESTINATION_FIELDS,
    CatalogueVersion,
    Destination,
    Photo,
    Road,
    SeasonNote,
    Source,
    ThemedRoute,
    TicketPass,
)
from itineraries.trips.models import Itinerary

__all__ = [
    "DESTINATION_FIELDS",
    "ApiToken",
    "CatalogueVersion",
    "Destination",
    "IdempotentAnswer",
    "Itinerary",
    "Photo",
    "Road",
    "SeasonNote",
    "Source",
    "ThemedRoute",
    "TicketPass",
]

"""Django's admin finds the app's registrations here; they live with their domain."""

from itineraries.catalogue import admin as catalogue_admin  # noqa: F401
from itineraries.trips import admin as trips_admin  # noqa: F401

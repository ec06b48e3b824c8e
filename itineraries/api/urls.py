from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from itineraries.api.tokens import ApiTokenViewSet
from itineraries.api.views import (
    DestinationViewSet,
    HighwayView,
    ItineraryViewSet,
    ThemedRouteViewSet,
    api_not_found,
)

router = DefaultRouter()
router.trailing_slash = "/?"  # both /itineraries/<id>/gpx and /itineraries/<id>/gpx/ answer
router.register("destinations", DestinationViewSet, basename="destination")
router.register("itineraries", ItineraryViewSet, basename="itinerary")
router.register("routes", ThemedRouteViewSet, basename="route")
router.register("tokens", ApiTokenViewSet, basename="token")

urlpatterns = [
    path("highways/", HighwayView.as_view(), name="highways"),
    path("", include(router.urls)),
    re_path(r"^(?P<rest>[\s\S]*)$", api_not_found),  # any path, newlines included
]

"""A bare DRF endpoint that reads one itinerary row as JSON: the floor a read of the real endpoint is held to."""

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

from itineraries.trips.models import Itinerary


class BareItinerary(APIView):
    def get(self, request, pk):
        return Response(Itinerary.objects.values("id", "status", "progress", "request", "error", "result").get(pk=pk))


urlpatterns = [path("bare/<uuid:pk>/", BareItinerary.as_view()), path("", include("planner.urls"))]

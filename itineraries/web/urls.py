from django.urls import path

from itineraries.web import api_tokens, trip_actions, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("plan/", views.plan, name="plan"),
    path("trips/", trip_actions.my_trips, name="my-trips"),
    path("trips/api-tokens", api_tokens.api_tokens, name="api-tokens"),
    path("trips/api-tokens/<int:token_id>/revoke", api_tokens.api_token_revoke, name="api-token-revoke"),
    path("trips/<uuid:pk>/", views.trip, name="trip"),
    path("trips/<uuid:pk>/settings", trip_actions.trip_settings, name="trip-settings"),
    path("trips/<uuid:pk>/duplicate", trip_actions.trip_duplicate, name="trip-duplicate"),
    path("trips/<uuid:pk>/delete", trip_actions.trip_delete, name="trip-delete"),
    path("trips/<uuid:pk>/edit", trip_actions.trip_edit, name="trip-edit"),
    path("trips/<uuid:pk>/optimise-day", trip_actions.trip_optimise_day, name="trip-optimise-day"),
    path("trips/<uuid:pk>/restore", trip_actions.trip_restore, name="trip-restore"),
    path("trips/<uuid:pk>/sharing", trip_actions.trip_sharing, name="trip-sharing"),
    path("trips/<uuid:pk>/join/<str:token>", trip_actions.trip_join, name="trip-join"),
    path(
        "trips/<uuid:pk>/collaborators/remove", trip_actions.trip_collaborator_remove, name="trip-collaborator-remove"
    ),
    path("trips/<uuid:pk>/trip.geojson", views.trip_geojson, name="trip-geojson"),
    path("trips/<uuid:pk>/trip.gpx", views.trip_gpx, name="trip-gpx"),
    path("trips/<uuid:pk>/trip.ics", views.trip_ics, name="trip-ics"),
    path("trips/<uuid:pk>/replan", views.trip_replan, name="replan"),
    path("trips/<uuid:pk>/compare", views.trip_compare, name="trip-compare"),
    path("compare/<uuid:a>/<uuid:b>/", views.compare, name="compare"),
    path("places/<slug:slug>/", views.place, name="place"),
]

from django.urls import path

from itineraries.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("trips/<uuid:pk>/", views.trip, name="trip"),
    path("trips/<uuid:pk>/trip.geojson", views.trip_geojson, name="trip-geojson"),
    path("trips/<uuid:pk>/replan", views.trip_replan, name="replan"),
    path("trips/<uuid:pk>/compare", views.trip_compare, name="trip-compare"),
    path("compare/<uuid:a>/<uuid:b>/", views.compare, name="compare"),
    path("places/<slug:slug>/", views.place, name="place"),
]

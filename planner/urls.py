from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from itineraries.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("itineraries.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("itineraries.web.urls")),
]

handler500 = "itineraries.api.errors.server_error"

"""Editors' photos, served by the app: only the resized files the admin wrote, never anything else under MEDIA_ROOT."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.static import serve

SERVED = (".jpg", ".webp")


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    # The admin names every stored file anew (a random part), so a file never changes under its name.
    if not path.startswith("photos/") or not path.endswith(SERVED) or ".." in path.split("/"):
        raise Http404(_("No such photo."))
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response

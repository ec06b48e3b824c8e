"""Content negotiation for the file downloads (GPX, ICS)."""

from __future__ import annotations

from rest_framework.negotiation import BaseContentNegotiation


class DownloadNegotiation(BaseContentNegotiation):
    """A download answers in a file type whatever the Accept header asks (never a 406); its errors answer JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def download_type(request, types: tuple[str, ...]) -> str:
    """The file's own type, or the next one (application/octet-stream) for a client that asks only for that."""
    accept = request.headers.get("Accept", "")
    return next((kind for kind in types if kind in accept), types[0])

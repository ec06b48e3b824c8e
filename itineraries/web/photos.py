"""A photo as a page shows it: its files and sizes, the alt text and credit in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from itineraries.catalogue.display import chinese
from itineraries.catalogue.models import Photo


@dataclass(frozen=True)
class ShownPhoto:
    url: str
    width: int
    height: int
    thumb_url: str
    thumb_width: int
    thumb_height: int
    alt: str
    author: str
    licence: str
    licence_url: str
    source_url: str


def shown(photo: Photo) -> ShownPhoto:
    return ShownPhoto(
        url=photo.image.url,
        width=photo.width,
        height=photo.height,
        thumb_url=photo.thumbnail.url,
        thumb_width=photo.thumb_width,
        thumb_height=photo.thumb_height,
        alt=(photo.alt_zh if chinese() else "") or photo.alt_en,
        author=photo.author,
        licence=str(Photo.Licence(photo.licence).label),
        licence_url=photo.licence_url,
        source_url=photo.source_url,
    )

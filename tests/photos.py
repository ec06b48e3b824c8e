"""Pictures for the photo tests: a camera's JPEG (EXIF orientation, GPS), a decompression bomb, a stored photo."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from itineraries.catalogue.images import photo_prepare
from itineraries.catalogue.models import Destination, Photo

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def camera_jpeg(width: int = 3200, height: int = 1200, orientation: int = 6) -> bytes:
    """A landscape-stored JPEG a phone took upright: orientation 6 means 'turn 90° clockwise to view'.
    Its left half is red and its right half blue, so the turn can be seen in the result."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS_IFD)[2] = (35.0, 30.0, 0.0)  # GPSLatitude: where the photographer stood
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=80)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def bomb_png(side: int = 40_000) -> bytes:
    """A few hundred bytes that claim side by side pixels."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )


def photo_add(slug: str, *, author: str = "Wang Lei", licence: str = Photo.Licence.CC_BY, **fields) -> Photo:
    data = camera_jpeg(orientation=1)
    prepared = photo_prepare(upload=io.BytesIO(data), size=len(data), slug=slug)
    photo = Photo(
        destination=Destination.objects.get(slug=slug),
        author=author,
        licence=licence,
        alt_en=fields.pop("alt_en", "The main hall's roof at dusk"),
        alt_zh=fields.pop("alt_zh", "黄昏时的大殿屋顶"),
        **fields,
    )
    photo.image = prepared.large
    photo.thumbnail = prepared.thumbnail
    photo.save()
    return photo


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)

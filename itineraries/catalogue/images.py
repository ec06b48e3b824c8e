"""Editors' photos made fit to serve: checked, turned upright, stripped of EXIF data and resized (Pillow)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
LARGE_PX = 1600
THUMB_PX = 480
# Pillow's own guard against decompression bombs, made an error rather than a warning: no editor's photo of a
# temple needs more than 50 megapixels, and a small file that claims more is an attack or a mistake.
MAX_PIXELS = 50_000_000
ACCEPTED = {"JPEG", "PNG", "WEBP"}


@dataclass(frozen=True)
class PreparedPhoto:
    large: ContentFile
    thumbnail: ContentFile


def _encoded(image: Image.Image, longest: int, stem: str) -> ContentFile:
    copy = image.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if copy.mode in ("RGBA", "LA") or "transparency" in copy.info:
        # Only WebP keeps transparency at a photo's size; everything else is a JPEG.
        copy.convert("RGBA").save(out, "WEBP", quality=85, method=4)
        suffix = "webp"
    else:
        copy.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
        suffix = "jpg"
    return ContentFile(out.getvalue(), name=f"{stem}.{suffix}")


def photo_prepare(*, upload: io.IOBase | object, size: int, slug: str) -> PreparedPhoto:
    """The large picture and its thumbnail, or a ValidationError that says what is wrong with the file.
    Saving anew drops EXIF (camera, GPS position, date) and any other metadata; the orientation is applied
    first, so a picture taken upright stays upright."""
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(mb).1f MB; a photo may be at most 10 MB.") % {"mb": size / 1024 / 1024}, code="too_large"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as opened:  # type: ignore[arg-type]
                if opened.format not in ACCEPTED:
                    raise ValidationError(
                        _("Upload a JPEG, PNG or WebP picture, not %(format)s.") % {"format": opened.format},
                        code="format",
                    )
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError(opened.size)
                opened.load()
                upright = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The picture claims more pixels than a photo has; upload one under 50 megapixels."),
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("The file is not a picture this site can read."), code="not_an_image") from exc
    stem = f"{slug}-{get_random_string(8).lower()}"
    return PreparedPhoto(large=_encoded(upright, LARGE_PX, stem), thumbnail=_encoded(upright, THUMB_PX, f"{stem}-480"))

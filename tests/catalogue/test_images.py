"""An editor's photo is stored upright, without its EXIF data, at two sizes; a bad file says what is wrong."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from itineraries.catalogue.images import photo_prepare
from tests.photos import bomb_png, camera_jpeg


def _prepare(data: bytes, size: int | None = None):
    return photo_prepare(upload=io.BytesIO(data), size=len(data) if size is None else size, slug="pingyao")


def test_a_phone_photo_is_turned_upright_resized_and_stripped_of_exif():
    prepared = _prepare(camera_jpeg(3200, 1200, orientation=6))
    large = Image.open(io.BytesIO(prepared.large.read()))
    thumb = Image.open(io.BytesIO(prepared.thumbnail.read()))
    assert large.format == "JPEG"
    assert prepared.large.name.endswith(".jpg")
    assert large.size == (600, 1600)  # stood upright (taller than wide), longest side 1600
    assert thumb.size == (180, 480)
    assert large.getpixel((300, 100))[0] > 150  # the red half is now on top, as the phone was held
    assert large.getpixel((300, 1500))[2] > 150
    for image in (large, thumb):
        assert not image.getexif()  # no orientation, camera, or where it was taken
        assert "exif" not in image.info


def test_a_small_picture_is_not_enlarged_and_transparency_is_kept_in_webp():
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 120, 0, 100)).save(out, "PNG")
    prepared = _prepare(out.getvalue())
    large = Image.open(io.BytesIO(prepared.large.read()))
    assert (large.format, large.size, large.mode) == ("WEBP", (300, 200), "RGBA")


@pytest.mark.parametrize(
    ("data", "size", "code", "words"),
    [
        (b"name,lat\nPingyao,37.2\n", None, "not_an_image", "not a picture"),
        (camera_jpeg(64, 48), 11 * 1024 * 1024, "too_large", "at most 10 MB"),
        (bomb_png(), None, "too_many_pixels", "under 50 megapixels"),
        (bomb_png(9000), None, "too_many_pixels", "under 50 megapixels"),  # 81 Mpx: under Pillow's own limit
    ],
    ids=["text", "11 MB", "bomb", "81 megapixels"],
)
def test_a_bad_file_is_refused_with_a_reason(data, size, code, words):
    with pytest.raises(ValidationError) as refused:
        _prepare(data, size)
    assert refused.value.code == code
    assert words in refused.value.messages[0]


def test_a_gif_is_refused_by_its_format():
    out = io.BytesIO()
    Image.new("P", (20, 20)).save(out, "GIF")
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        _prepare(out.getvalue())

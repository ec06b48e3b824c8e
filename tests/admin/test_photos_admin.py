"""Editors upload a place's photos on its admin page: stored resized and credited, bad files refused by name."""

from pathlib import Path

import pytest
from PIL import Image

from itineraries.catalogue.models import Destination, Photo
from tests.admin.test_editor_admin import change_form
from tests.photos import bomb_png, camera_jpeg, photo_add, upload

pytestmark = [pytest.mark.usefixtures("catalogue", "media_root")]
SLUG = "shuanglin-temple"


def _with_photo(file, **fields) -> dict:
    data = change_form(SLUG) | {"photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "0"}
    row = {"image": file, "author": "Li Na", "licence": "cc-by-sa", "alt_en": "Painted figures", "order": "0"}
    return data | {f"photos-0-{k}": v for k, v in (row | fields).items()}


def _post(editor, data):
    return editor.post(f"/admin/itineraries/destination/{Destination.objects.get(slug=SLUG).pk}/change/", data)


def test_an_editor_uploads_a_photo_that_is_stored_resized_and_credited(editor, media_root):
    response = _post(editor, _with_photo(upload("IMG_0001.JPG", camera_jpeg())))
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get(destination__slug=SLUG)
    assert (photo.author, photo.licence) == ("Li Na", "cc-by-sa")
    assert (photo.width, photo.height, photo.thumb_width, photo.thumb_height) == (600, 1600, 180, 480)
    stored = Path(photo.image.path)
    assert stored.is_relative_to(media_root)
    assert stored.name.startswith(f"{SLUG}-")
    with Image.open(stored) as image:
        assert image.size == (600, 1600)
        assert not image.getexif()
    page = editor.get(f"/admin/itineraries/destination/{photo.destination.pk}/change/").content.decode()
    assert photo.thumbnail.url in page  # the editor sees what was stored


@pytest.mark.parametrize(
    ("file", "words"),
    [
        (upload("places.jpg", b"slug,lat\nx,1\n"), "not a picture"),
        (upload("huge.jpg", camera_jpeg(64, 48) + b"\0" * (10 * 1024 * 1024)), "at most 10 MB"),
        (upload("bomb.png", bomb_png(), "image/png"), "under 50 megapixels"),
    ],
    ids=["not an image", "over 10 MB", "decompression bomb"],
)
def test_a_bad_upload_is_a_form_error_on_the_image_field(editor, file, words):
    response = _post(editor, _with_photo(file))
    assert response.status_code == 200  # the form again, not a 413 or a 500
    formset = response.context["inline_admin_formsets"][0].formset
    assert words in formset.errors[0]["image"][0]
    assert words in response.content.decode()
    assert not Photo.objects.exists()


def test_a_new_picture_replaces_the_old_files_and_deleting_removes_them(
    editor, media_root, django_capture_on_commit_callbacks
):
    photo = photo_add(SLUG)
    old = [Path(photo.image.path), Path(photo.thumbnail.path)]
    data = change_form(SLUG) | {"photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "1", "photos-0-id": str(photo.pk)}
    row = {"image": upload("new.jpg", camera_jpeg(800, 600, 1)), "author": "Li Na", "licence": "cc0"}
    data |= {f"photos-0-{k}": v for k, v in (row | {"alt_en": "Gate", "order": "0"}).items()}
    data["photos-0-destination"] = str(photo.destination.pk)
    assert _post(editor, data).status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.licence) == (800, "cc0")
    assert not any(path.exists() for path in old)
    kept = [Path(photo.image.path), Path(photo.thumbnail.path)]
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(path.exists() for path in kept)

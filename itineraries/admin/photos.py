"""Photos of a place, on its admin page: uploaded, checked and resized (catalogue/images.py), credited."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from itineraries.catalogue.images import PreparedPhoto, photo_prepare
from itineraries.catalogue.models import Photo


class PhotoForm(forms.ModelForm):
    # A plain file field: Django's ImageField would answer every bad file with one vague message before
    # photo_prepare could say what is wrong (too large, too many pixels, not a picture).
    image = forms.FileField(
        label=gettext_lazy("image"),
        help_text=Photo._meta.get_field("image").help_text,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    source_url = forms.URLField(
        label=gettext_lazy("source link"),
        required=False,
        assume_scheme="https",
        help_text=Photo._meta.get_field("source_url").help_text,
    )

    class Meta:
        model = Photo
        fields = ["image", "author", "licence", "source_url", "alt_en", "alt_zh", "order"]

    prepared: PreparedPhoto | None = None

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if not isinstance(upload, UploadedFile):
            return upload  # the stored picture, unchanged
        destination = getattr(self.instance, "destination", None)
        self.prepared = photo_prepare(
            upload=upload, size=upload.size or 0, slug=getattr(destination, "slug", "") or "photo"
        )
        return self.prepared.large

    def save(self, commit: bool = True) -> Photo:
        photo = super().save(commit=False)
        replaced = []
        if self.prepared is not None:
            if photo.pk:
                old = Photo.objects.filter(pk=photo.pk).first()
                if old is not None:
                    replaced = [old.image, old.thumbnail]
            photo.thumbnail = self.prepared.thumbnail
        if commit:
            photo.save()
            for stored in replaced:
                stored.delete(save=False)
        return photo


class PhotoInline(admin.StackedInline):
    model = Photo
    form = PhotoForm
    extra = 0
    fields = [("image", "preview"), ("author", "licence"), "source_url", ("alt_en", "alt_zh"), "order"]
    readonly_fields = ["preview"]

    @admin.display(description=gettext_lazy("as stored"))
    def preview(self, photo: Photo) -> str:
        if not photo.pk or not photo.thumbnail:
            return "-"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt=""> {} x {} px',
            photo.thumbnail.url,
            photo.thumb_width // 2,
            photo.thumb_height // 2,
            photo.width,
            photo.height,
        )

# Editors upload photos of places (issue 44).

import django.db.models.deletion
from django.db import migrations, models


def grant(apps, schema_editor):
    """Editors upload, change and remove photos."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("itineraries")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="editors")
    for action in ("add", "change", "delete", "view"):
        group.permissions.add(Permission.objects.get(content_type__app_label="itineraries", codename=f"{action}_photo"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="editors").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__model="photo"))


class Migration(migrations.Migration):

    dependencies = [
        ('itineraries', '0017_api_tokens_and_idempotency'),
    ]

    operations = [
        migrations.CreateModel(
            name='Photo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image', models.ImageField(height_field='height', help_text='JPEG, PNG or WebP up to 10 MB; stored at most 1600 px on its longest side, without EXIF data', upload_to='photos/', verbose_name='image', width_field='width')),
                ('thumbnail', models.ImageField(editable=False, height_field='thumb_height', upload_to='photos/thumbs/', verbose_name='thumbnail', width_field='thumb_width')),
                ('width', models.PositiveIntegerField(default=0, editable=False, verbose_name='width')),
                ('height', models.PositiveIntegerField(default=0, editable=False, verbose_name='height')),
                ('thumb_width', models.PositiveIntegerField(default=0, editable=False, verbose_name='thumbnail width')),
                ('thumb_height', models.PositiveIntegerField(default=0, editable=False, verbose_name='thumbnail height')),
                ('author', models.CharField(help_text='who took the picture, as they want to be credited', max_length=160, verbose_name='author')),
                ('licence', models.CharField(choices=[('cc-by', 'CC BY 4.0'), ('cc-by-sa', 'CC BY-SA 4.0'), ('cc0', 'CC0 1.0'), ('own-work', 'own work'), ('permission', 'all rights reserved, used with permission')], max_length=12, verbose_name='licence')),
                ('source_url', models.URLField(blank=True, help_text='where the picture was published, if anywhere', verbose_name='source link')),
                ('alt_en', models.CharField(help_text='what the picture shows, for screen readers', max_length=250, verbose_name='English alt text')),
                ('alt_zh', models.CharField(blank=True, max_length=250, verbose_name='Chinese alt text')),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='the lowest is shown first', verbose_name='order')),
                ('destination', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='itineraries.destination', verbose_name='destination')),
            ],
            options={
                'verbose_name': 'photo',
                'verbose_name_plural': 'photos',
                'ordering': ['destination', 'order', 'pk'],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]

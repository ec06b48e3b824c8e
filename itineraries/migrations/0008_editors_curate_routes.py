from django.db import migrations

MODELS = ("themedroute", "seasonnote")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("itineraries")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="editors")
    for model in MODELS:
        for action in ("add", "change", "delete", "view"):
            group.permissions.add(
                Permission.objects.get(content_type__app_label="itineraries", codename=f"{action}_{model}")
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="editors").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__model__in=MODELS))


class Migration(migrations.Migration):
    dependencies = [("itineraries", "0007_itinerary_error_detail")]
    operations = [migrations.RunPython(grant, revoke)]

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("destination", ("add", "change", "delete", "view")),
    ("road", ("add", "change", "delete", "view")),
    ("itinerary", ("change", "view")),
]


def create_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the group needs them now.
    config = apps.get_app_config("itineraries")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="editors")
    for model, actions in EDITOR_PERMISSIONS:
        for action in actions:
            group.permissions.add(Permission.objects.get(content_type__app_label="itineraries",
                                                         codename=f"{action}_{model}"))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [("itineraries", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(create_editors, remove_editors)]

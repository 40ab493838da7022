"""Let Wagtail's Editors and Moderators groups manage synonyms and read the search reports."""

from django.db import migrations

PERMISSIONS = {
    "searchsynonym": ["add", "change", "delete", "view"],
    "searchquerystat": ["view"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("search")
    app_config.models_module = True  # historical app configs have none; create_permissions needs one
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = list(Permission.objects.filter(content_type__app_label="search", codename__in=codenames))
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

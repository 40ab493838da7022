"""The tree's invisible root is Wagtail's page 「Root」: staff see it at the top of the explorer and in
every page chooser, so it gets a Japanese title (it is never shown to visitors)."""

from django.db import migrations


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title="すべてのサイト", draft_title="すべてのサイト")


def restore_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="すべてのサイト").update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_site_identity_emblem_and_foreign_contact"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(rename_root, restore_root)]

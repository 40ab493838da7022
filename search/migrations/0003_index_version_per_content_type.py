import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0002_editor_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexVersion",
            fields=[
                (
                    "content_type",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="contenttypes.contenttype",
                    ),
                ),
                ("version", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "検索索引の版", "verbose_name_plural": "検索索引の版"},
        ),
    ]

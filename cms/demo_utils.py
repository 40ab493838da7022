"""Idempotent building blocks for `manage.py seed_demo`.

Every app's `demo.seed(ctx)` uses these so that a second run of seed_demo changes nothing:
a page is created once, and later runs publish a new revision only when a field really differs.
"""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page, Site


@dataclass
class DemoContext:
    stdout: object
    city_site: Site | None = None
    water_site: Site | None = None
    created: int = 0
    updated: int = 0
    extra: dict = field(default_factory=dict)

    # Read from the database each time: an earlier app may have saved the root page since the Site
    # was loaded, and a stale copy would be translated or re-saved with old content.
    @property
    def city_root(self):
        return Page.objects.get(pk=self.city_site.root_page_id).specific

    @property
    def water_root(self):
        return Page.objects.get(pk=self.water_site.root_page_id).specific

    def log(self, message):
        self.stdout.write(message)


def _comparable(model_field, value):
    """A value in a form where two equal contents compare equal (StreamField block ids ignored)."""
    if isinstance(model_field, StreamField):
        stream = model_field.to_python(value) if not hasattr(value, "raw_data") else value
        return json.dumps(
            [(child.block_type, child.block.get_prep_value(child.value)) for child in stream],
            sort_keys=True,
            default=str,
            ensure_ascii=False,
        )
    if isinstance(model_field, models.ForeignKey):
        return getattr(value, "pk", value)
    return model_field.get_prep_value(value) if value is not None else None


def assign_if_changed(instance, fields):
    """Set the given attributes; return True when any of them changed."""
    changed = False
    for name, value in fields.items():
        model_field = instance._meta.get_field(name)
        current = getattr(instance, name)
        if _comparable(model_field, current) != _comparable(model_field, value):
            setattr(instance, name, value)
            changed = True
    return changed


def ensure_page(ctx, parent, page_class, slug, publish=True, **fields):
    """The child of `parent` with this slug, created or brought up to date.

    Returns the specific page. A page that already matches gets no new revision.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        ctx.created += 1
        return page_class.objects.get(pk=page.pk)
    page = existing.specific
    if not isinstance(page, page_class):
        raise TypeError(
            f"{existing.url_path} は {type(page).__name__} です（{page_class.__name__} を期待）。"
        )
    if assign_if_changed(page, fields):
        revision = page.save_revision()
        if publish:
            revision.publish()
        ctx.updated += 1
    return page


def ensure_object(ctx, model, lookup, **fields):
    """A snippet or plain model row identified by `lookup`, created or brought up to date."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **fields)
        obj.save()
        ctx.created += 1
        return obj
    if assign_if_changed(obj, fields):
        obj.save()
        ctx.updated += 1
    return obj


def load_demo_data(module_file, name):
    """The YAML data file `demo_data/<name>.yaml` next to the demo module `module_file`."""
    path = Path(module_file).resolve().parent / "demo_data" / f"{name}.yaml"
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def _list_items(value, key):
    """Plain lists → ListBlock raw data with ids derived from the content's place.

    ListBlock gives every item a random id when it meets a plain list; fixed ids let the second
    seed_demo run see that nothing changed, so it makes no new revision.
    """
    if isinstance(value, dict):
        return {name: _list_items(item, f"{key}.{name}") for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [
            {
                "type": "item",
                "value": _list_items(item, f"{key}.{number}"),
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}.{number}")),
            }
            for number, item in enumerate(value)
        ]
    return value


def stream_data(blocks, key=""):
    """Blocks as the data files write them, `[{"paragraph": "<p>…</p>"}, …]` → StreamField raw data."""
    raw = []
    for number, block in enumerate(blocks):
        ((block_type, value),) = block.items()
        raw.append({"type": block_type, "value": _list_items(value, f"{key}/{number}")})
    return raw

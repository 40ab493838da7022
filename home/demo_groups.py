"""Runs after tourism.demo (see `# --- home ---` in cms/settings/base.py): editor groups and the
city site's approval workflow, now that the tourism guide exists for 観光交流課."""

from .permissions import ensure_editor_groups


def seed(ctx):
    ensure_editor_groups(ctx.city_root, ctx.water_root)

"""The project's Japanese catalogues for the admin's upstream apps (Wagtail, wagtail-localize).

Upstream ships Japanese for well under half of the admin. We keep complete catalogues here, one
LOCALE_PATHS directory per upstream app and domain, laid out exactly like the app's own
``locale/ja/LC_MESSAGES/<domain>.po``: each file can be offered upstream (Transifex) as it is, and
``manage.py admin_translation_status`` compares each with the installed version's English catalogue
after an upgrade. Django reads LOCALE_PATHS before the apps' own catalogues, first entry first.

Pure data (no Django imports): the settings import it.
"""

from pathlib import Path

LOCALE_ROOT = Path(__file__).resolve().parent.parent / "locale"

# (directory under locale/, upstream app module, domains). Order = INSTALLED_APPS order of the
# apps, so that a msgid present in two catalogues resolves as it would upstream.
ADMIN_CATALOGUES = [
    ("wagtail-localize", "wagtail_localize", ("django", "djangojs")),
    ("wagtail-localize-locales", "wagtail_localize.locales", ("django",)),
    ("wagtail-contrib-forms", "wagtail.contrib.forms", ("django",)),
    ("wagtail-contrib-redirects", "wagtail.contrib.redirects", ("django",)),
    ("wagtail-contrib-settings", "wagtail.contrib.settings", ("django",)),
    ("wagtail-contrib-search-promotions", "wagtail.contrib.search_promotions", ("django",)),
    ("wagtail-contrib-table-block", "wagtail.contrib.table_block", ("django",)),
    ("wagtail-contrib-typed-table-block", "wagtail.contrib.typed_table_block", ("django",)),
    ("wagtail-embeds", "wagtail.embeds", ("django",)),
    ("wagtail-sites", "wagtail.sites", ("django",)),
    ("wagtail-users", "wagtail.users", ("django",)),
    ("wagtail-snippets", "wagtail.snippets", ("django",)),
    ("wagtail-documents", "wagtail.documents", ("django",)),
    ("wagtail-images", "wagtail.images", ("django",)),
    ("wagtail-search", "wagtail.search", ("django",)),
    ("wagtail-admin", "wagtail.admin", ("django", "djangojs")),
    ("wagtail", "wagtail", ("django",)),
]

ADMIN_LOCALE_PATHS = [LOCALE_ROOT / directory for directory, _module, _domains in ADMIN_CATALOGUES]

"""Japanese coverage of every catalogue the admin uses, and what changed upstream.

    manage.py admin_translation_status             coverage table + new/changed/removed upstream msgids
    manage.py admin_translation_status --check     exit status 1 unless every catalogue is 100 % and clean
    manage.py admin_translation_status --update    after a Wagtail/wagtail-localize upgrade: add the new
                                                   msgids (pre-filled from upstream Japanese where it has
                                                   one, or from the old msgid's translation marked fuzzy)
                                                   and mark removed ones obsolete
    manage.py admin_translation_status --untranslated wagtail-admin   list what still needs translating

"Upstream" is the installed app's English catalogue (locale/en/LC_MESSAGES/<domain>.po), which holds
every msgid of that version; the upstream Japanese catalogue only holds the ones translated there.
Docs: docs/admin-translation.md.
"""

import difflib
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.admin_locale import ADMIN_CATALOGUES, LOCALE_ROOT

# %(name)s, %s, %d, %%, {name}, {0}, {} — what must survive translation unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[A-Za-z0-9_]*\}")
SIMILAR_ENOUGH = 0.75  # difflib ratio above which a new msgid counts as a change of a removed one


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _is_translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)))


def placeholder_problems(entry):
    """Placeholders of the msgid (or its plural) missing from, or added in, the translation."""
    if not _is_translated(entry):
        return []
    if entry.msgid_plural:
        expected = set(_placeholders(entry.msgid_plural))
        # Japanese has one plural form: it follows msgid_plural, may drop a placeholder the
        # singular also lacks ("1 page" / "%(count)s pages").
        optional = expected - set(_placeholders(entry.msgid))
        translations = entry.msgstr_plural.values()
    else:
        expected, optional = set(_placeholders(entry.msgid)), set()
        translations = [entry.msgstr]
    if "python-brace-format" not in entry.flags and "python-format" in entry.flags:
        expected = {p for p in expected if not p.startswith("{")}
    problems = []
    for text in translations:
        found = set(_placeholders(text))
        if "python-format" in entry.flags and "python-brace-format" not in entry.flags:
            found = {p for p in found if not p.startswith("{")}
        missing = expected - found - optional
        extra = found - expected
        if missing or extra:
            problems.append(f"{entry.msgid!r}: missing {sorted(missing)} extra {sorted(extra)}")
    return problems


@dataclass
class Catalogue:
    directory: str
    module: str
    domain: str
    ours: polib.POFile | None = None
    upstream_en: polib.POFile | None = None
    upstream_ja: polib.POFile | None = None
    new: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (old msgid, new msgid)

    @property
    def name(self):
        return self.directory if self.domain == "django" else f"{self.directory} ({self.domain})"

    @property
    def path(self):
        return LOCALE_ROOT / self.directory / "ja" / "LC_MESSAGES" / f"{self.domain}.po"

    def upstream_path(self, language):
        spec = importlib.util.find_spec(self.module)
        if spec is None or not spec.submodule_search_locations:
            raise CommandError(f"{self.module} is not installed")
        base = Path(next(iter(spec.submodule_search_locations)))
        return base / "locale" / language / "LC_MESSAGES" / f"{self.domain}.po"

    def load(self):
        en_path = self.upstream_path("en")
        self.upstream_en = polib.pofile(str(en_path)) if en_path.exists() else polib.POFile()
        ja_path = self.upstream_path("ja")
        self.upstream_ja = polib.pofile(str(ja_path)) if ja_path.exists() else None
        self.ours = polib.pofile(str(self.path), wrapwidth=0) if self.path.exists() else None
        upstream_keys = {_key(e) for e in self.upstream_en if not e.obsolete and e.msgid}
        our_keys = {_key(e) for e in self.ours if not e.obsolete} if self.ours is not None else set()
        new = [k for k in (_key(e) for e in self.upstream_en if e.msgid) if k in upstream_keys - our_keys]
        removed = [k for k in (_key(e) for e in self.ours or []) if k in our_keys - upstream_keys]
        self.changed = []
        unmatched_removed = list(removed)
        for key in list(new):
            best, best_ratio = None, SIMILAR_ENOUGH
            for old in unmatched_removed:
                if old[0] != key[0]:
                    continue
                ratio = difflib.SequenceMatcher(None, old[1], key[1]).ratio()
                if ratio > best_ratio:
                    best, best_ratio = old, ratio
            if best is not None:
                self.changed.append((best, key))
                unmatched_removed.remove(best)
        changed_new = {new_key for _old, new_key in self.changed}
        self.new = [k for k in new if k not in changed_new]
        self.removed = unmatched_removed
        return self

    def entries(self):
        return [e for e in self.ours if not e.obsolete and e.msgid] if self.ours is not None else []

    def coverage(self):
        total = len({_key(e) for e in self.upstream_en if not e.obsolete and e.msgid})
        translated = {_key(e) for e in self.entries() if _is_translated(e)}
        upstream_keys = {_key(e) for e in self.upstream_en if not e.obsolete and e.msgid}
        return len(translated & upstream_keys), total

    def upstream_ja_count(self):
        if self.upstream_ja is None:
            return 0
        upstream_keys = {_key(e) for e in self.upstream_en if not e.obsolete and e.msgid}
        return len({_key(e) for e in self.upstream_ja if _is_translated(e)} & upstream_keys)

    def update(self):
        """Bring our catalogue to the installed upstream's msgids; returns the number of changes."""
        if self.ours is None:
            self.ours = polib.POFile(wrapwidth=0)
            header = self.upstream_ja if self.upstream_ja is not None else self.upstream_en
            self.ours.header = (
                "Japanese translation of the admin of a Japanese municipality's CMS, kept complete in\n"
                f"the project (upstream: {self.module}, domain {self.domain}). Terms: locale/GLOSSARY.md.\n"
                "Translators: see the upstream catalogue; completed by the Sukagawa CMS team."
            )
            self.ours.metadata = dict(header.metadata)
        self.ours.metadata["Language"] = "ja"
        self.ours.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        self.ours.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        self.ours.metadata["Project-Id-Version"] = self.module
        self.ours.metadata.setdefault("MIME-Version", "1.0")
        self.ours.metadata.setdefault("Content-Transfer-Encoding", "8bit")
        for name, value in (
            ("PO-Revision-Date", timezone.now().strftime("%Y-%m-%d %H:%M%z")),
            ("Last-Translator", "Sukagawa CMS team"),
            ("Language-Team", "Japanese (https://app.transifex.com/torchbox/teams/8009/ja/)"),
        ):
            if (
                not self.ours.metadata.get(name)
                or "YEAR" in self.ours.metadata[name]
                or "FULL NAME" in self.ours.metadata[name]
                or "LANGUAGE" in self.ours.metadata[name]
            ):
                self.ours.metadata[name] = value
        upstream_ja = {_key(e): e for e in self.upstream_ja if _is_translated(e)} if self.upstream_ja else {}
        ours = {_key(e): e for e in self.ours}
        changed_from = {new_key: old_key for old_key, new_key in self.changed}
        result = polib.POFile(wrapwidth=0)
        result.header, result.metadata = self.ours.header, self.ours.metadata
        changes = 0
        for source in self.upstream_en:
            if source.obsolete or not source.msgid:
                continue
            key = _key(source)
            entry = ours.get(key)
            if entry is None:
                changes += 1
                entry = polib.POEntry(
                    msgctxt=source.msgctxt, msgid=source.msgid, msgid_plural=source.msgid_plural
                )
                previous = ours.get(changed_from.get(key))
                if key in upstream_ja:
                    _copy_translation(upstream_ja[key], entry)
                elif previous is not None and _is_translated(previous):
                    _copy_translation(previous, entry)
                    entry.flags.append("fuzzy")
                    entry.previous_msgid = previous.msgid
                elif source.msgid_plural:
                    entry.msgstr_plural = {0: ""}
            entry.obsolete = False
            entry.occurrences = source.occurrences
            entry.comment = source.comment
            entry.flags = sorted(set(source.flags) | ({"fuzzy"} & set(entry.flags)))
            result.append(entry)
        for key in self.removed + [old for old, _new in self.changed]:
            entry = ours[key]
            if not entry.obsolete:
                changes += 1
                entry.obsolete = True
                entry.occurrences = []
                result.append(entry)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        result.save(str(self.path))
        self.ours = result
        return changes


def _copy_translation(source, target):
    if target.msgid_plural:
        value = source.msgstr_plural.get(0) if source.msgstr_plural else source.msgstr
        target.msgstr_plural = {0: value or ""}
    else:
        target.msgstr = source.msgstr if not source.msgid_plural else source.msgstr_plural.get(0, "")


def all_catalogues():
    return [
        Catalogue(directory, module, domain).load()
        for directory, module, domains in ADMIN_CATALOGUES
        for domain in domains
    ]


def inconsistent_translations(catalogues):
    """Same msgid, different Japanese in two catalogues: only the first in LOCALE_PATHS is used."""
    seen, problems = {}, []
    for catalogue in catalogues:
        for entry in catalogue.entries():
            if not _is_translated(entry) or entry.msgid_plural:
                continue
            other = seen.setdefault((_key(entry), catalogue.domain), (catalogue.name, entry.msgstr))
            if other[1] != entry.msgstr:
                problems.append(
                    f"{entry.msgid!r}: {other[0]} 「{other[1]}」 / {catalogue.name} 「{entry.msgstr}」"
                )
    return problems


class Command(BaseCommand):
    help = (
        "管理画面が使う翻訳カタログ（Wagtail・wagtail-localize）の日本語の翻訳率と、"
        "アップグレードで増えた・変わった・なくなった原文を表示します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="100% でなければ終了コード 1")
        parser.add_argument("--update", action="store_true", help="新しい原文を追加し、なくなった原文を廃止")
        parser.add_argument("--untranslated", metavar="CATALOGUE", help="未翻訳の原文を一覧表示")

    def handle(self, *args, check=False, update=False, untranslated=None, **options):
        catalogues = all_catalogues()
        if update:
            for catalogue in catalogues:
                changes = catalogue.update()
                if changes:
                    self.stdout.write(f"{catalogue.name}: {changes} 件を更新しました（{catalogue.path}）")
            catalogues = all_catalogues()
        if untranslated:
            for catalogue in catalogues:
                if untranslated in (catalogue.name, catalogue.directory, "all"):
                    for entry in catalogue.entries():
                        if not _is_translated(entry):
                            self.stdout.write(f"{catalogue.name}\t{entry.msgctxt or ''}\t{entry.msgid}")
            return

        failures = []
        width = max(len(c.name) for c in catalogues)
        self.stdout.write(f"{'catalogue':<{width}}  {'ja':>9}  {'coverage':>8}  upstream ja")
        sum_translated = sum_total = sum_upstream = 0
        for catalogue in catalogues:
            translated, total = catalogue.coverage()
            upstream = catalogue.upstream_ja_count()
            sum_translated, sum_total, sum_upstream = (
                sum_translated + translated,
                sum_total + total,
                sum_upstream + upstream,
            )
            percent = 100.0 * translated / total if total else 100.0
            self.stdout.write(
                f"{catalogue.name:<{width}}  {translated:>4}/{total:<4}  {percent:>7.1f}%  "
                f"{upstream:>4}/{total:<4} ({100.0 * upstream / total if total else 100.0:.0f}%)"
            )
            if translated < total:
                failures.append(f"{catalogue.name}: {total - translated} 件が未翻訳です")
            for label, keys in (
                ("new upstream msgid", catalogue.new),
                ("removed upstream", catalogue.removed),
            ):
                for key in keys:
                    self.stdout.write(f"    {label}: {key[1]!r}")
            for old, new in catalogue.changed:
                self.stdout.write(f"    changed upstream msgid: {old[1]!r} -> {new[1]!r}")
            if catalogue.new or catalogue.removed or catalogue.changed:
                failures.append(f"{catalogue.name}: 原文が変わりました（--update で取り込めます）")
            for entry in catalogue.entries():
                if "fuzzy" in entry.flags:
                    failures.append(f"{catalogue.name}: 要確認（fuzzy）: {entry.msgid!r}")
                for problem in placeholder_problems(entry):
                    failures.append(f"{catalogue.name}: プレースホルダが一致しません: {problem}")
        self.stdout.write(
            f"{'total':<{width}}  {sum_translated:>4}/{sum_total:<4}  "
            f"{100.0 * sum_translated / sum_total:>7.1f}%  {sum_upstream:>4}/{sum_total:<4} "
            f"({100.0 * sum_upstream / sum_total:.0f}%)"
        )
        for problem in inconsistent_translations(catalogues):
            # Django merges every catalogue of a domain: one msgid shows one Japanese everywhere.
            failures.append(f"同じ原文に別の訳があります（LOCALE_PATHS の先の訳だけが使われます）: {problem}")
        for failure in failures:
            self.stderr.write(failure)
        if check and failures:
            raise CommandError(f"{len(failures)} 件の問題があります")

"""Import the old city site's URLs as permanent redirects to the pages that replace them.

CSV, one row per old URL: `旧URL,新しいページ` (a header row with those or any non-path words is
skipped). The old URL may be a path (/soshiki/kankyo/sodai.html) or a full URL of the old site; the new
page is its path on the Site (/kurashi/gomi/sodai/) or its page ID. UTF-8 (with or without BOM) and
Shift_JIS (Excel) files are both read.

    manage.py import_old_urls old_urls.csv --site www.city.sukagawa.fukushima.jp --dry-run
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.security import imports

OLD_PATH_MAX_LENGTH = Redirect._meta.get_field("old_path").max_length


@dataclass
class Row:
    line: int
    old_path: str
    page: Page


def read_rows(raw_bytes, encoding=None):
    """Records of the file: UTF-8 (BOM tolerated), Shift_JIS (cp932) or EUC-JP, unless `encoding`."""
    try:
        if encoding:
            try:
                text = raw_bytes.decode(encoding)
            except (UnicodeDecodeError, LookupError) as error:
                raise CommandError(f"CSVファイルを文字コード {encoding} として読めません。") from error
        else:
            text, _label = imports.decode(raw_bytes)
        return [values for _number, values in imports.records(text.lstrip("\ufeff"))]
    except imports.CSVReadError as error:
        raise CommandError(str(error)) from error


def normalise_old_path(value):
    value = value.strip()
    if "://" in value:
        parts = urlsplit(value)
        value = parts.path + (f"?{parts.query}" if parts.query else "")
    if not value.startswith("/"):
        value = "/" + value
    return Redirect.normalise_path(value)


def find_page(site, value):
    """A live page of `site` from its path (/kurashi/gomi/) or its ID (123)."""
    value = value.strip()
    root = site.root_page
    pages = Page.objects.live().descendant_of(root, inclusive=True)
    if value.isdigit():
        return pages.filter(pk=int(value)).first()
    if "://" in value:
        value = urlsplit(value).path
    path = "/" + value.strip("/") + "/" if value.strip("/") else "/"
    return pages.filter(url_path=root.url_path.rstrip("/") + path).first()


def plan(site, rows):
    """Check every row; return (valid Rows, problems as "N行目：…" strings)."""
    valid, problems, seen = [], [], {}
    live_paths = None
    for line, cells in enumerate(rows, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if line == 1 and not cells[0].startswith(("/", "http")) and not cells[0].isdigit():
            continue  # header row
        if len(cells) < 2 or not cells[0] or not cells[1]:
            problems.append(f"{line}行目：旧URLと新しいページの2列が必要です。")
            continue
        if imports.has_nul(cells):
            problems.append(f"{line}行目：{imports.NUL_MESSAGE}")
            continue
        old_path = normalise_old_path(cells[0])
        if len(old_path) > OLD_PATH_MAX_LENGTH:
            problems.append(
                f"{line}行目：旧URLが長すぎます（{len(old_path):,}文字、{OLD_PATH_MAX_LENGTH}文字まで）。"
            )
            continue
        page = find_page(site, cells[1])
        if page is None:
            problems.append(
                f"{line}行目：新しいページ「{cells[1]}」がこのサイトに見つかりません（公開中のページのパスかIDを指定してください）。"
            )
            continue
        if old_path in seen:
            problems.append(f"{line}行目：旧URL「{old_path}」は{seen[old_path]}行目と重複しています。")
            continue
        if live_paths is None:
            root_path = site.root_page.url_path.rstrip("/")
            live_paths = {
                Redirect.normalise_path(url_path[len(root_path) :] or "/")
                for url_path in Page.objects.live()
                .descendant_of(site.root_page, inclusive=True)
                .values_list("url_path", flat=True)
            }
        if old_path in live_paths:
            problems.append(
                f"{line}行目：旧URL「{old_path}」は現在公開中のページのURLです。転送は働きません。"
            )
            continue
        seen[old_path] = line
        valid.append(Row(line, old_path, page))
    return valid, problems


class Command(BaseCommand):
    help = "旧サイトのURLを、CSV（旧URL,新しいページ）から恒久的な転送（301）として取り込みます。"

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="CSVファイル（1列目：旧URL、2列目：新しいページのパスまたはID）")
        parser.add_argument("--site", required=True, help="転送を登録するサイトのホスト名（例：localhost）")
        parser.add_argument("--dry-run", action="store_true", help="登録せずに、内容の確認だけを行います。")
        parser.add_argument("--encoding", help="文字コード（省略時は UTF-8、読めなければ Shift_JIS）")

    def handle(self, csv_file, site, dry_run=False, encoding=None, **options):
        site_obj = Site.objects.filter(hostname=site).select_related("root_page").first()
        if site_obj is None:
            known = "、".join(Site.objects.values_list("hostname", flat=True))
            raise CommandError(f"サイト「{site}」がありません。登録されているサイト：{known}")
        try:
            with open(csv_file, "rb") as handle:
                rows = read_rows(handle.read(), encoding)
        except OSError as error:
            raise CommandError(f"CSVファイルを開けません：{error}") from error

        valid, problems = plan(site_obj, rows)
        created = updated = unchanged = 0
        with transaction.atomic():
            for row in valid:
                redirect = Redirect.objects.filter(site=site_obj, old_path=row.old_path).first()
                if redirect is None:
                    created += 1
                    if not dry_run:
                        Redirect.objects.create(
                            site=site_obj, old_path=row.old_path, redirect_page=row.page, is_permanent=True
                        )
                elif redirect.redirect_page_id == row.page.pk and redirect.is_permanent:
                    unchanged += 1
                else:
                    updated += 1
                    self.stdout.write(
                        f"{row.line}行目：旧URL「{row.old_path}」の転送先を「{row.page.title}」に変更します。"
                    )
                    if not dry_run:
                        redirect.redirect_page = row.page
                        redirect.redirect_link = ""
                        redirect.is_permanent = True
                        redirect.save()

        for problem in problems:
            self.stderr.write(problem)
        prefix = "【確認のみ・登録していません】" if dry_run else ""
        self.stdout.write(
            f"{prefix}サイト {site_obj.hostname}：新規 {created} 件、変更 {updated} 件、変更なし {unchanged} 件、問題 {len(problems)} 件"
        )
        if problems:
            raise CommandError(f"{len(problems)} 行を取り込めませんでした（上の一覧を確認してください）。")

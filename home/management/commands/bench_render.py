"""Uncached rendering with 10,000 pages in the tree: p50/p95 and queries per page, in a scratch database.

    manage.py bench_render --settings=cms.settings.test [--pages 10000] [--samples 300]

Creates a throw-away test database (SQLite in memory, or test_<name> on PostgreSQL when DATABASE_URL
is set) and deletes it afterwards: the database `make run` uses is never touched. Builds the demo's
Sites and city top, then 10 sections × 10 sub-sections × pages/100 記事, and renders a random sample
of each kind in-process (no cache in front), as gunicorn would. Target: content pages p95 ≤ 50 ms.
"""

import io
import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "1万ページの木で、キャッシュなしの表示時間（p50/p95）とページごとのクエリ数を測ります。"

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10000)
        parser.add_argument("--samples", type=int, default=300)
        parser.add_argument("--seed", type=int, default=14)

    def handle(self, *args, pages, samples, seed, **options):
        if settings.DEBUG:
            raise CommandError(
                "DEBUG では測れません: --settings=cms.settings.test を付けて実行してください。"
            )
        if not 100 <= pages <= 50000:
            raise CommandError("--pages は 100–50000 にしてください。")
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            started = time.monotonic()
            tree = self.build(pages)
            self.stdout.write(
                f"{tree['total']:,} ページを作成しました（{time.monotonic() - started:.0f} 秒）"
            )
            self.measure(tree, samples, random.Random(seed))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def build(self, pages):
        from wagtail.models import Page

        import cms.demo
        from cms.demo_utils import DemoContext
        from home.models import Department, SectionPage

        ctx = DemoContext(stdout=io.StringIO())
        cms.demo.seed(ctx)
        top = ctx.city_site.root_page.specific
        departments = [
            Department.objects.create(name=f"課{number}", phone="0248-88-0000", email=f"d{number}@example.jp")
            for number in range(10)
        ]
        per_sub = max(1, pages // 100)
        body = [
            {"type": "paragraph", "value": "<p>" + "市民の皆さまへのお知らせです。" * 20 + "</p>"},
            {"type": "paragraph", "value": "<p>お問い合わせは担当課へお願いします。</p>"},
        ]
        sections, subsections, contents = [], [], []
        for i in range(10):
            section = top.add_child(
                instance=SectionPage(
                    title=f"分類{i}", slug=f"bunrui-{i}", summary="分類の説明です。", show_in_menus=True
                )
            )
            sections.append(section)
            for j in range(10):
                sub = section.add_child(
                    instance=SectionPage(title=f"分類{i}-{j}", slug=f"sub-{j}", summary="小分類の説明です。")
                )
                subsections.append(sub)
                contents += self.bulk_children(sub, per_sub, body, departments, i, j)
            self.stdout.write(f"  分類 {i + 1}/10 …")
        return {
            "top": [top.pk],
            "section": [page.pk for page in sections + subsections],
            "content": contents,
            "total": Page.objects.count(),
        }

    def bulk_children(self, parent, count, body, departments, i, j):
        """記事 rows written directly (tree paths as treebeard computes them): add_child for 10,000 pages
        would take an hour on a busy machine, and how a page was created does not change its rendering."""
        from django.contrib.contenttypes.models import ContentType
        from django.utils import timezone
        from wagtail.models import Page

        from home.models import ContentPage

        content_type = ContentType.objects.get_for_model(ContentPage)
        now = timezone.now()
        rows = []
        for k in range(count):
            title, slug = f"記事{i}-{j}-{k}", f"kiji-{k}"
            rows.append(
                Page(
                    path=Page._get_path(parent.path, parent.depth + 1, k + 1),
                    depth=parent.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    live=True,
                    url_path=f"{parent.url_path}{slug}/",
                    locale_id=parent.locale_id,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        Page.objects.bulk_create(rows)
        created = list(Page.objects.child_of(parent).order_by("path").values_list("pk", flat=True))
        for k, pk in enumerate(created):
            ContentPage(
                page_ptr_id=pk,
                summary="記事の一行の説明です。",
                body=body,
                department=departments[(i + j + k) % 10],
            ).save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=parent.pk).update(numchild=count)
        return created

    def measure(self, tree, samples, rng):
        from wagtail.models import Page

        client = Client(HTTP_HOST=settings.CITY_HOSTNAME)
        urls = {
            kind: [Page.objects.get(pk=pk).url for pk in ids] for kind, ids in tree.items() if kind != "total"
        }
        for url in rng.sample(urls["content"], 20) + urls["section"][:5] + urls["top"]:
            client.get(url)  # templates compiled, Site root paths cached, as in a running worker
        self.stdout.write("")
        self.stdout.write(f"{'種類':<8} {'件数':>5} {'p50 ms':>8} {'p95 ms':>8} {'最大クエリ':>10}")
        results = {}
        for kind in ("content", "section", "top"):
            chosen = [
                rng.choice(urls[kind]) for _ in range(samples if kind == "content" else max(30, samples // 5))
            ]
            times, queries = [], []
            for url in chosen:
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url}: HTTP {response.status_code}")
                queries.append(len(captured))
            results[kind] = times
            self.stdout.write(
                f"{kind:<8} {len(times):>5} {statistics.median(times):>8.1f} {percentile(times, 0.95):>8.1f} {max(queries):>10}"
            )
        p95 = percentile(results["content"], 0.95)
        try:
            import os

            load = f"、負荷平均 {os.getloadavg()[0]:.1f}（{os.cpu_count()} コア）"
        except OSError:
            load = ""
        self.stdout.write("")
        self.stdout.write(f"（単一クライアント、プロセス内、キャッシュなし{load}）")
        self.stdout.write(f"記事ページ p95: {p95:.1f} ms（目標 50 ms 以下）")

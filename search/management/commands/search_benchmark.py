"""Search latency with many pages: builds a synthetic FAQ index (once) and times searches on it.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py search_benchmark --pages 10000

The pages are questions and answers recombined from the demo FAQs (faq/demo_data/faqs.csv) under a
FAQ index with the slug `search-benchmark` at the top of the page tree (not in any Site). A second
run reuses them; `--rebuild` deletes and recreates them. Queries are the development set's.
Use a database of its own: the pages stay until `--delete`.
"""

import csv
import json
import random
import re
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from search.api import search_faqs, search_site
from search.management.commands.search_eval import percentile
from search.service import faq_model

SLUG = "search-benchmark"
DEV_SET = Path(settings.BASE_DIR) / "search" / "eval" / "dev.jsonl"
CORPUS = Path(settings.BASE_DIR) / "faq" / "demo_data" / "faqs.csv"


def corpus():
    rows = list(csv.DictReader(CORPUS.open(encoding="utf-8")))
    sentences, words = [], []
    for row in rows:
        sentences.extend(s + "。" for s in re.split(r"[。\n]+", row["answer"]) if len(s) > 8)
        words.extend(w for w in row["keywords"].split("|") if w)
    questions = [row["question"] for row in rows]
    return questions, sentences, words


class Command(BaseCommand):
    help = "多数のページでの検索の応答時間（p50/p95）を測ります。"

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10000)
        parser.add_argument("--queries", type=int, default=300, help="number of timed searches")
        parser.add_argument("--rebuild", action="store_true", help="delete and recreate the synthetic pages")
        parser.add_argument("--delete", action="store_true", help="only delete the synthetic pages")

    def handle(self, *args, **options):
        FAQIndexPage = faq_model().allowed_parent_page_models()[0]  # noqa: N806 - a model class

        index = FAQIndexPage.objects.filter(slug=SLUG).first()
        if index and (options["rebuild"] or options["delete"]):
            index.delete()
            index = None
        if options["delete"]:
            self.stdout.write("削除しました。")
            return
        if index is None or index.get_children().count() < options["pages"]:
            index = self.build(index, options["pages"])

        queries = [json.loads(line)["query"] for line in DEV_SET.open(encoding="utf-8") if line.strip()]
        rng = random.Random(7)
        timed = [rng.choice(queries) for _ in range(options["queries"])]
        pages = index.get_children().count()
        search_faqs(timed[0], index, limit=10)  # load the dictionary before timing

        for name, run in [
            ("search_faqs (FAQ search box)", lambda q: search_faqs(q, index, limit=10)),
            ("search_site (search page, first 10)", lambda q: list(search_site(q, index)[:10])),
        ]:
            latencies = []
            for query in timed:
                started = time.perf_counter()
                run(query)
                latencies.append((time.perf_counter() - started) * 1000.0)
            result = {
                "search": name,
                "pages": pages,
                "queries": len(timed),
                "p50_ms": round(percentile(latencies, 0.5), 2),
                "p95_ms": round(percentile(latencies, 0.95), 2),
                "max_ms": round(max(latencies), 2),
            }
            self.stdout.write(
                f"{name}: {pages} pages, {len(timed)} queries, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"
            )
            self.stdout.write(json.dumps(result, ensure_ascii=False))

    def build(self, index, count):
        FAQPage = faq_model()  # noqa: N806 - model classes
        FAQIndexPage = FAQPage.allowed_parent_page_models()[0]  # noqa: N806

        questions, sentences, words = corpus()
        rng = random.Random(42)
        root = Page.get_first_root_node()
        locale = Locale.get_default()
        if index is None:
            index = FAQIndexPage(title="検索ベンチマーク", slug=SLUG, locale=locale)
            root.add_child(instance=index)
        existing = index.get_children().count()
        started = time.perf_counter()
        # Index in bulk at the end: one index update per saved page would dominate the build time.
        post_save.disconnect(post_save_signal_handler, sender=FAQPage)
        try:
            self.create_pages(index, existing, count, questions, sentences, words, rng, locale, started)
        finally:
            post_save.connect(post_save_signal_handler, sender=FAQPage)
        backend = get_search_backend()
        pages = FAQPage.objects.descendant_of(index).order_by("pk")
        for offset in range(0, count, 1000):
            backend.add_bulk(FAQPage, list(pages[offset : offset + 1000]))
        self.stdout.write(f"  索引を作成しました（{time.perf_counter() - started:.0f} 秒）")
        return FAQIndexPage.objects.get(pk=index.pk)

    def create_pages(self, index, existing, count, questions, sentences, words, rng, locale, started):
        FAQPage = faq_model()  # noqa: N806 - a model class

        for number in range(existing, count):
            base = rng.choice(questions)
            topic = rng.choice(words)
            question = f"{topic}について：{base}" if number % 3 else base
            answer = "".join(rng.sample(sentences, k=rng.randint(3, 7)))
            page = FAQPage(
                title=question[:250],
                slug=f"bench-{number + 1:05d}",
                answer=[("paragraph", f"<p>{answer}</p>")],
                keywords="|".join(rng.sample(words, k=3)),
                import_id=f"bench-{number + 1:05d}",
                locale=locale,
            )
            with transaction.atomic():
                index.add_child(instance=page)
            if (number + 1) % 1000 == 0:
                self.stdout.write(f"  {number + 1} ページ作成（{time.perf_counter() - started:.0f} 秒）")

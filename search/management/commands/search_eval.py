"""Quality of the FAQ search on a labelled query set (the same code path as the FAQ search box).

    python manage.py search_eval search/eval/dev.jsonl --index faq
    python manage.py search_eval search/eval/devset/questions.jsonl \
        --corpus search/eval/devset/faqs.csv --index devset-faq

With --corpus the FAQs of that CSV are first imported (as import_faq does, into the FAQ index
--index under the default Site, created if missing; departments the CSV names that are not
registered are registered): use a scratch database.

Each line of FILE: {"query": "...", "relevant": {"<FAQ import id>": 2, "<id>": 1}} (2 answers the
question, 1 is relevant). Prints S@1, S@5, S@10, MRR@10, P@5, nDCG@10 and latency p50/p95 in ms;
the last line is one JSON object with the keys s@1, s@5, s@10, mrr, p@5, ndcg@10, p50_ms, p95_ms, queries.
"""

import json
import math
import time

from django.core.management.base import BaseCommand, CommandError

from search.api import search_faqs
from search.engine import ranking_config
from search.service import faq_model

DEPTH = 10


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def score_ranking(ranked_ids, relevant):
    """Per-query metrics for ranked import ids against {id: grade}."""
    top = ranked_ids[:DEPTH]
    hits = [relevant.get(item, 0) >= 1 for item in top]
    first = next((rank for rank, hit in enumerate(hits, 1) if hit), None)
    ideal = sorted((grade for grade in relevant.values() if grade > 0), reverse=True)[:DEPTH]
    return {
        "s@1": float(any(hits[:1])),
        "s@5": float(any(hits[:5])),
        "s@10": float(any(hits[:10])),
        "mrr": 1.0 / first if first else 0.0,
        "p@5": sum(hits[:5]) / 5.0,
        "ndcg@10": dcg([relevant.get(item, 0) for item in top]) / dcg(ideal) if ideal else 0.0,
    }


class Command(BaseCommand):
    help = "FAQ検索の品質（S@k、MRR、nDCG）と応答時間を、正解付きの質問集で測ります。"

    def add_arguments(self, parser):
        parser.add_argument("file", help='JSONL: {"query": …, "relevant": {import_id: grade}} per line')
        parser.add_argument(
            "--index", default="", help="slug of the FAQ index page whose FAQs are searched (default: faq)"
        )
        parser.add_argument(
            "--corpus",
            default="",
            help="import this FAQ CSV (import_faq format) into --index first; for a scratch database",
        )
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="rank without what the engine learns from the corpus (readings, associations): plain BM25F",
        )
        parser.add_argument(
            "--halves",
            action="store_true",
            help="also print S@1 and MRR@10 of the odd and even lines: a gain on one half only is noise",
        )
        parser.add_argument(
            "--verbose-misses", action="store_true", help="print queries whose answer is not first"
        )

    def handle(self, *args, **options):
        FAQPage = faq_model()  # noqa: N806 - model classes
        FAQIndexPage = FAQPage.allowed_parent_page_models()[0]  # noqa: N806

        config = ranking_config(corpus_model=False) if options["baseline"] else ranking_config()
        options["index"] = options["index"] or ("search-eval" if options["corpus"] else "faq")
        if options["corpus"]:
            self.import_corpus(options["corpus"], options["index"])
        candidates = FAQIndexPage.objects.filter(slug=options["index"])
        index = candidates.filter(locale__language_code="ja").first() or candidates.first()
        if index is None:
            raise CommandError(f"FAQ index with slug {options['index']!r} not found.")

        queries = []
        with open(options["file"], encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    queries.append((item["query"], {str(k): int(v) for k, v in item["relevant"].items()}))
                except (ValueError, KeyError, TypeError) as error:
                    raise CommandError(f"{options['file']}:{number}: {error}") from error
        if not queries:
            raise CommandError("No queries in the file.")

        import_ids = dict(FAQPage.objects.descendant_of(index).values_list("pk", "import_id"))
        search_faqs(queries[0][0], index, limit=DEPTH, config=config)  # load the dictionary before timing

        totals = dict.fromkeys(["s@1", "s@5", "s@10", "mrr", "p@5", "ndcg@10"], 0.0)
        latencies = []
        per_query = []
        for query, relevant in queries:
            started = time.perf_counter()
            results = search_faqs(query, index, limit=DEPTH, config=config)
            latencies.append((time.perf_counter() - started) * 1000.0)
            ranked = [import_ids.get(page.pk, "") for page in results]
            metrics = score_ranking(ranked, relevant)
            per_query.append(metrics)
            for key, value in metrics.items():
                totals[key] += value
            if options["verbose_misses"] and metrics["s@1"] < 1:
                self.stdout.write(f"miss: {query} → {ranked[:3]} (want {sorted(relevant)})")

        count = len(queries)
        summary = {key: round(value / count, 4) for key, value in totals.items()}
        summary["p50_ms"] = round(percentile(latencies, 0.50), 2)
        summary["p95_ms"] = round(percentile(latencies, 0.95), 2)
        summary["queries"] = count
        self.stdout.write(f"FAQ index: {index.title} ({len(import_ids)} FAQs), {count} queries")
        self.stdout.write(
            "S@1 {s@1:.3f}  S@5 {s@5:.3f}  S@10 {s@10:.3f}  MRR@10 {mrr:.3f}  P@5 {p@5:.3f}  nDCG@10 {ndcg@10:.3f}".format(
                **summary
            )
        )
        if options["halves"]:
            for name, start in (("odd lines", 0), ("even lines", 1)):
                half = per_query[start::2]
                self.stdout.write(
                    f"{name}: {len(half)} queries, S@1 {sum(m['s@1'] for m in half) / len(half):.3f}"
                    f"  MRR@10 {sum(m['mrr'] for m in half) / len(half):.3f}"
                )
        self.stdout.write(f"latency p50 {summary['p50_ms']:.1f} ms  p95 {summary['p95_ms']:.1f} ms")
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def import_corpus(self, path, slug):
        import csv
        import io
        from pathlib import Path

        from django.core.management import call_command

        from cms.models import Department

        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig", errors="replace")
        names = {" ".join((row.get("department") or "").split()) for row in csv.DictReader(io.StringIO(text))}
        known = set(Department.objects.values_list("name", flat=True))
        for name in sorted(name for name in names - known if name):
            Department.objects.create(name=name)
            self.stdout.write(f"担当課「{name}」を登録しました（評価用）。")
        # The FAQ app's own command, called by name: search does not import the FAQ app.
        call_command("import_faq", str(path), index=slug, stdout=self.stdout, stderr=self.stderr)

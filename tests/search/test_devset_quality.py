"""Quality gate: the development set (search/eval/devset/) searched through the FAQ search box's code
path on whichever database this run uses (.ci/run runs the suite on SQLite, then on PostgreSQL).

The floors are a little under the figures measured when they were set (docs/search-tuning.md), on
each half of the questions as the tuning log defines them: odd lines are the tuning half, even lines
the untouched half. A change that loses more than noise on either half cannot land.
"""

import csv
import json
from pathlib import Path

import pytest

from search.api import search_faqs
from search.management.commands.search_eval import score_ranking
from tests.search.factories import make_faq_index

DEVSET = Path(__file__).resolve().parents[2] / "search" / "eval" / "devset"
# Measured 2026-12-07 on SQLite and PostgreSQL alike (see docs/search-tuning.md), minus 0.03.
FLOORS = {
    "tuning": {"s@1": 0.66, "mrr": 0.77},
    "untouched": {"s@1": 0.70, "mrr": 0.79},
}


def import_devset_faqs(index):
    from faq.csvio import MULTI_VALUE_SEPARATOR, answer_stream_data, split_multi
    from faq.models import FAQPage

    with (DEVSET / "faqs.csv").open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), 1):
            index.add_child(
                instance=FAQPage(
                    title=row["question"],
                    slug=f"dev-{number}",
                    answer=answer_stream_data(row["answer"]),
                    keywords=MULTI_VALUE_SEPARATOR.join(split_multi(row["keywords"])),
                    import_id=row["id"],
                    locale=index.locale,
                )
            )


def halves():
    lines = [line for line in (DEVSET / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    questions = [json.loads(line) for line in lines]
    return {"tuning": questions[0::2], "untouched": questions[1::2]}


@pytest.mark.django_db
def test_the_development_set_is_answered_above_the_floor_on_both_halves():
    index = make_faq_index(title="評価用よくある質問")
    import_devset_faqs(index)
    import_ids = dict(index.get_children().specific().values_list("pk", "faqpage__import_id"))

    measured = {}
    for half, questions in halves().items():
        scores = [
            score_ranking(
                [import_ids.get(page.pk, "") for page in search_faqs(item["query"], index, limit=10)],
                item["relevant"],
            )
            for item in questions
        ]
        measured[half] = {key: sum(score[key] for score in scores) / len(scores) for key in ("s@1", "mrr")}

    below = {
        f"{half} {key}": round(measured[half][key], 3)
        for half, floors in FLOORS.items()
        for key, floor in floors.items()
        if measured[half][key] < floor
    }
    assert not below, f"below the floor: {below} (measured {measured})"

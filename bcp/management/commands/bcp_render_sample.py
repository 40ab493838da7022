"""Internal to `bcp_drill`: render the given pages of this (restored) copy and print JSON.

Reads [[host, path], …] as JSON on stdin; prints {"pages": […], "counts": {…}}.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Page

from bcp import registry
from bcp.rendering import render_summary


class Command(BaseCommand):
    help = "（BCP訓練用）指定したページを表示して、題名と件数を JSON で出力します。"

    def handle(self, *args, **options):
        targets = json.load(sys.stdin)
        pages = [render_summary(host, path) for host, path in targets]
        query = getattr(settings, "BCP_DRILL_SEARCH_QUERY", "ごみ")
        # The index was rebuilt by restore: a resident's everyday question must find pages again.
        hits = len(Page.objects.live().search(query)[:20]) if query else None
        result = {"pages": pages, "counts": registry.counts(), "search": {"query": query, "hits": hits}}
        self.stdout.write(json.dumps(result, ensure_ascii=False))

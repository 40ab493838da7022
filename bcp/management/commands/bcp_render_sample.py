"""Internal to `bcp_drill`: render the given pages of this (restored) copy and print JSON.

Reads [[host, path], …] as JSON on stdin; prints {"pages": […], "counts": {…}}.
"""

import json
import sys

from django.core.management.base import BaseCommand

from bcp import registry
from bcp.rendering import render_summary


class Command(BaseCommand):
    help = "（BCP訓練用）指定したページを表示して、題名と件数を JSON で出力します。"

    def handle(self, *args, **options):
        targets = json.load(sys.stdin)
        pages = [render_summary(host, path) for host, path in targets]
        self.stdout.write(json.dumps({"pages": pages, "counts": registry.counts()}, ensure_ascii=False))

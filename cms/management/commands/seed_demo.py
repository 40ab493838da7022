import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo_utils import DemoContext


def _demo_modules():
    modules = []
    for name in settings.DEMO_SEED_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


class Command(BaseCommand):
    help = "デモサイト（市のサイト・水道事業サイト・観光ガイド）を作成します。何度実行しても結果は同じです。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="デモの内容をすべて削除してから作り直します。"
        )

    def handle(self, *args, reset=False, **options):
        ctx = DemoContext(stdout=self.stdout)
        modules = _demo_modules()
        with transaction.atomic():
            if reset:
                for module in reversed(modules):
                    if hasattr(module, "reset"):
                        module.reset(ctx)
                self.stdout.write("デモの内容を削除しました。")
            for module in modules:
                module.seed(ctx)
        self.stdout.write(
            self.style.SUCCESS(f"デモを作成しました（新規 {ctx.created} 件、更新 {ctx.updated} 件）。")
        )

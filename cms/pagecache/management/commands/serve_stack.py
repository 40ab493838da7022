"""`make serve`: the production chain of deploy/ on http://127.0.0.1:PORT/ until Ctrl-C.

front nginx (deploy/nginx/sukagawa-cms.conf, plain HTTP) -> Varnish -> app nginx -> gunicorn
(cms.settings.production, 2 workers) -> PostgreSQL when DATABASE_URL names one, Redis."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.pagecache.stack import Stack, StackError


class Command(BaseCommand):
    help = "本番と同じ構成（表の nginx・Varnish・nginx・gunicorn・Redis）でサイトを起動します。Ctrl-C で停止します。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8080))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS") or 2))

    def handle(self, *args, port, workers, **options):
        stack = Stack(port=port, workers=workers, stdout=self.stdout)
        try:
            with stack:
                self.stdout.write(f"市のサイト:       http://{settings.CITY_HOSTNAME}:{port}/")
                self.stdout.write(f"水道事業サイト:   http://{settings.WATER_HOSTNAME}:{port}/")
                self.stdout.write(f"管理画面:         http://{settings.CITY_HOSTNAME}:{port}/admin/")
                self.stdout.write(f"緊急時の写し:     http://{settings.CITY_HOSTNAME}:{port}/emergency/")
                self.stdout.write(f"アクセスログ:     {stack.workdir / 'log' / 'front-access.log'}")
                self.stdout.write("Ctrl-C で停止します。")
                stack.wait()
        except KeyboardInterrupt:
            pass  # Ctrl-C while starting: the stack has already stopped what it started
        except StackError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("停止しました。")

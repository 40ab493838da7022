"""Store 友だち登録者数 (indicator 9-12) from LINE's statistics API; run daily by a systemd timer.

LINE publishes a day's figure the next day (JST) or later; by default the command asks for the
last three days, so a day LINE was still preparing ("unready") is filled in on a later run.
Figures the city entered by hand are not overwritten.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from linepush import client as line
from linepush.models import FollowerCount


class Command(BaseCommand):
    help = "LINEの統計情報から友だち登録者数を取得して保存します（指標9-12）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="取得する日（YYYY-MM-DD）。省略すると直近の3日分です。")

    def handle(self, *args, **options):
        if not line.is_configured():
            raise CommandError(line.NOT_CONFIGURED_MESSAGE)
        if options["date"]:
            try:
                days = [datetime.date.fromisoformat(options["date"])]
            except ValueError as error:
                raise CommandError("日付は 2026-11-24 のように入力してください。") from error
        else:
            today = timezone.localdate()
            days = [today - datetime.timedelta(days=n) for n in (3, 2, 1)]
        api_client, api = line.insight_api()
        try:
            for day in days:
                self._store(api, day)
        finally:
            api_client.close()

    def _store(self, api, day):
        from linebot.v3.insight.exceptions import ApiException

        existing = FollowerCount.objects.filter(date=day).first()
        if existing and existing.source == FollowerCount.MANUAL:
            self.stdout.write(f"{day:%Y年%m月%d日}：手入力の値があるため取得しません。")
            return
        try:
            response = api.get_number_of_followers(var_date=f"{day:%Y%m%d}", _request_timeout=line.request_timeout())
        except ApiException as error:
            raise CommandError(f"LINEの統計情報を取得できませんでした（HTTP {error.status}）。") from error
        if response.status != "ready" or response.followers is None:
            self.stdout.write(f"{day:%Y年%m月%d日}：LINEで集計中のため、まだ取得できません。")
            return
        FollowerCount.objects.update_or_create(
            date=day, defaults={"followers": response.followers, "source": FollowerCount.API}
        )
        self.stdout.write(f"{day:%Y年%m月%d日}：{response.followers:,}人を保存しました。")

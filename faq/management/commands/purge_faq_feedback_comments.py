import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from faq.models import FAQFeedback


class Command(BaseCommand):
    help = (
        "保存期間を過ぎた「この回答は役に立ちましたか？」のご意見（自由記述）を消去します。"
        "はい・いいえの件数は残ります。毎日1回の実行を想定しています。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "FAQ_FEEDBACK_COMMENT_RETENTION_DAYS", 730),
            help="保存期間（日数、既定 730日）",
        )

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        # Residents sometimes write names or phone numbers despite the notice: comments do not stay forever.
        count = FAQFeedback.objects.filter(created_at__lt=cutoff).exclude(comment="").update(comment="")
        self.stdout.write(f"{days}日より前のご意見 {count} 件を消去しました。")

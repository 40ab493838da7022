from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.permissions import ensure_editor_groups, grant_division_sections


class Command(BaseCommand):
    help = (
        "編集者のグループ（秘書広報課・各課編集者・経営課・観光交流課）と権限、市のサイトの公開承認ワークフローを"
        "作成・更新します。何度実行しても結果は同じです。分類の担当課を変えたときにも実行してください。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--city", default=None, help="市のサイトのホスト名（省略時は既定のサイト）")
        parser.add_argument(
            "--water", default=None, help="水道事業サイトのホスト名（省略時は設定の WATER_HOSTNAME）"
        )

    def handle(self, *args, city=None, water=None, **options):
        from django.conf import settings

        city_site = (
            Site.objects.filter(hostname=city).first()
            if city
            else Site.objects.filter(is_default_site=True).first()
        )
        if city_site is None:
            raise CommandError("市のサイトが見つかりません。--city でホスト名を指定してください。")
        water_site = Site.objects.filter(hostname=water or settings.WATER_HOSTNAME).first()
        ensure_editor_groups(city_site.root_page, water_site.root_page if water_site else None)
        for department, sections in sorted(grant_division_sections(city_site.root_page).items()):
            self.stdout.write(
                f"各課編集者（{department}）：" + "、".join(section.title for section in sections)
            )
        self.stdout.write(self.style.SUCCESS("編集者のグループと権限を更新しました。"))

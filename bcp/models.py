"""Records of BCP drills (訓練), so that the plan's indicator 訓練の回数 can be counted per 年度."""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.html import format_html


def jst_text(moment):
    local = timezone.localtime(moment, timezone.get_fixed_timezone(9 * 60))
    return f"{local.year}年{local.month}月{local.day}日 {local.hour}時{local.minute:02d}分"


def fiscal_year_of(moment):
    """年度 (April to March, in JST): 2027年3月 belongs to 2026年度."""
    local = timezone.localtime(moment)
    return local.year if local.month >= 4 else local.year - 1


def wareki_fiscal_year(year):
    # 令和元年 = 2019; the city writes 年度 in 和暦 (令和8年度 = 2026年度).
    number = year - 2018
    return f"令和{'元' if number == 1 else number}年度"


class BCPDrill(models.Model):
    RESULT_SUCCESS = "success"
    RESULT_FAILURE = "failure"
    RESULT_CHOICES = [(RESULT_SUCCESS, "成功"), (RESULT_FAILURE, "失敗")]

    started_at = models.DateTimeField("実施日時", default=timezone.now)
    fiscal_year = models.PositiveSmallIntegerField("年度（西暦）", db_index=True, editable=False)
    result = models.CharField("結果", max_length=10, choices=RESULT_CHOICES)
    duration_seconds = models.FloatField(
        "復旧までの時間（秒）",
        null=True,
        blank=True,
        help_text="復元を始めてからページが表示できるまで（失敗した訓練では記録しません）",
    )
    restore_seconds = models.FloatField("復元の時間（秒）", null=True, blank=True)
    archive_name = models.CharField("使ったバックアップ", max_length=200)
    archive_created_at = models.DateTimeField("バックアップの作成日時", null=True, blank=True)
    database_vendor = models.CharField("データベース", max_length=20, blank=True)
    pages_checked = models.PositiveIntegerField("確認したページ数", default=0)
    problems = models.PositiveIntegerField("問題の数", default=0)
    report = models.TextField("結果の詳細", blank=True)

    class Meta:
        verbose_name = "BCP訓練の記録"
        verbose_name_plural = "BCP訓練の記録"
        ordering = ["-started_at"]

    def __str__(self):
        return f"{jst_text(self.started_at)} {self.get_result_display()}"

    def save(self, *args, **kwargs):
        self.fiscal_year = fiscal_year_of(self.started_at)
        super().save(*args, **kwargs)

    @admin.display(description="年度")
    def fiscal_year_label(self):
        return wareki_fiscal_year(self.fiscal_year)

    @admin.display(description="実施日時")
    def started_at_jst(self):
        return jst_text(self.started_at)

    @admin.display(description="バックアップの作成日時")
    def archive_created_at_jst(self):
        return jst_text(self.archive_created_at) if self.archive_created_at else "—"

    @admin.display(description="復旧までの時間（RTO）")
    def rto_label(self):
        if self.result != self.RESULT_SUCCESS or self.duration_seconds is None:
            return "—（失敗した訓練では記録しません）"
        return f"{self.duration_seconds:.1f}秒"

    @admin.display(description="結果の詳細")
    def report_lines(self):
        # One line of the drill's log per line on screen (the log is written line by line).
        return format_html('<pre class="bcp-drill-report">{}</pre>', self.report)

    @classmethod
    def count_in_fiscal_year(cls, year, successful_only=True):
        """訓練の回数 for the plan's indicator: drills in one 年度 (successful ones by default)."""
        queryset = cls.objects.filter(fiscal_year=year)
        if successful_only:
            queryset = queryset.filter(result=cls.RESULT_SUCCESS)
        return queryset.count()

"""count_page_views: the front server's log, read incrementally, aggregated, no line kept."""

import datetime
import os

import pytest
from django.core.management import call_command

from indicators.models import AccessLogPosition, PageViewDaily

pytestmark = pytest.mark.django_db
UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


def line(path, when="31/Mar/2026:23:59:58 +0900", status=200, agent=UA, host="city.test", extra=""):
    return (
        f'198.51.100.7 - [{when}] "GET {path} HTTP/2.0" {status} 5120 "https://www.google.com/" "{agent}" '
        f"0.004 cache=HIT host={host}{extra}\n"
    )


def test_cached_pages_are_counted_from_the_log_once(tmp_path, city_page):
    log = tmp_path / "access.log"
    log.write_text(
        line("/gomi/")
        + line("/gomi/?utm=x", when="01/Apr/2026:00:00:03 +0900")
        + line("/static/cms/css/site.css")
        + line("/admin/pages/")
        + line("/gomi/", agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
        + line("/gomi/", status=404)
        + line("/gomi/", extra=" staff=1")
        + line("/pv/3.gif")
        + line("/gomi/", host="unknown.example")
    )
    call_command("count_page_views", str(log))

    rows = sorted(PageViewDaily.objects.values_list("page_id", "path", "date", "count"))
    assert rows == [
        (city_page.pk, "/gomi/", datetime.date(2026, 3, 31), 1),
        (city_page.pk, "/gomi/", datetime.date(2026, 4, 1), 1),
    ]


def test_a_second_run_reads_only_new_lines_and_a_rotated_log_is_finished(tmp_path, city_page):
    log = tmp_path / "access.log"
    log.write_text(line("/gomi/"))
    call_command("count_page_views", str(log))
    call_command("count_page_views", str(log))
    assert PageViewDaily.objects.get().count == 1

    with log.open("a") as handle:
        handle.write(line("/gomi/") + line("/gomi/")[:20])  # the last line is still being written
    os.rename(log, tmp_path / "access.log.1")
    log.write_text(line("/gomi/"))
    call_command("count_page_views", str(log))

    assert PageViewDaily.objects.get().count == 3
    position = AccessLogPosition.objects.get()
    assert position.inode == os.stat(log).st_ino and position.offset == log.stat().st_size


def test_paths_that_are_not_pages_are_kept_by_path(tmp_path, city_home):
    log = tmp_path / "access.log"
    log.write_text(line("/search/?q=%E3%81%94%E3%81%BF"))
    call_command("count_page_views", str(log))
    row = PageViewDaily.objects.get()
    assert (row.page_id, row.path) == (None, "/search/")


def test_one_visitor_in_the_log_counts_at_most_ten_times_a_page_and_day(tmp_path, city_page):
    log = tmp_path / "access.log"
    log.write_text(line("/gomi/") * 300 + line("/gomi/").replace("198.51.100.7", "198.51.100.8") * 3)
    call_command("count_page_views", str(log))
    assert PageViewDaily.objects.get().count == 13

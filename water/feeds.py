"""RSS 2.0 feed of 断水・濁水・工事のお知らせ (for residents' feed readers and the city's own sites)."""

from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed


def outage_feed_response(index_page, request):
    from django.http import HttpResponse

    now = timezone.now()
    site_url = index_page.get_site().root_url if index_page.get_site() else ""
    feed = Rss201rev2Feed(
        title=f"{index_page.title}（須賀川市 水道事業）",
        link=index_page.get_full_url(request) or site_url,
        description="断水・濁水・工事のお知らせです。",
        language="ja",
        feed_url=(index_page.get_full_url(request) or "") + "rss/",
    )
    notices = index_page.notices().order_by("-starts_at")[:50]
    for notice in notices:
        local_start = timezone.localtime(notice.starts_at)
        local_end = timezone.localtime(notice.ends_at)
        feed.add_item(
            title=f"【{notice.status_label(now)}】{notice.title}",
            link=notice.get_full_url(request),
            description=(
                f"地区：{notice.area}　"
                f"期間：{local_start:%Y年%m月%d日 %H時%M分}から{local_end:%Y年%m月%d日 %H時%M分}まで　"
                f"理由：{notice.get_reason_display()}"
            ),
            unique_id=notice.get_full_url(request),
            pubdate=notice.first_published_at or notice.starts_at,
            updateddate=notice.last_published_at or notice.starts_at,
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response

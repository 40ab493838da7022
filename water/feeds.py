"""RSS 2.0 feed of 断水・濁水・工事のお知らせ (for residents' feed readers and the city's own sites)."""

from django.utils import timezone

from cms.feeds import PageListingFeed


class WaterOutageNoticeFeed(PageListingFeed):
    feed_path = "rss/"
    description = "断水・濁水・工事のお知らせです。"

    def title(self, index_page):
        return f"{index_page.title}（須賀川市 水道事業）"

    def link(self, index_page):
        site = index_page.get_site()
        return index_page.get_full_url(self.request) or (site.root_url if site else "")

    def items(self, index_page):
        self.now = timezone.now()
        return index_page.notices().order_by("-starts_at")[:50]

    def item_title(self, notice):
        return f"【{notice.status_label(self.now)}】{notice.title}"

    def item_description(self, notice):
        local_start = timezone.localtime(notice.starts_at)
        local_end = timezone.localtime(notice.ends_at)
        return (
            f"地区：{notice.area}　"
            f"期間：{local_start:%Y年%m月%d日 %H時%M分}から{local_end:%Y年%m月%d日 %H時%M分}まで　"
            f"理由：{notice.get_reason_display()}"
        )

    def item_pubdate(self, notice):
        return notice.first_published_at or notice.starts_at

    def item_updateddate(self, notice):
        return notice.last_published_at or notice.starts_at


def outage_feed_response(index_page, request):
    return WaterOutageNoticeFeed(index_page)(request)

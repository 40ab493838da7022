"""RSS 2.0 feed of the city's お知らせ (NewsIndexPage's feed/ sub-URL)."""

from cms.feeds import PageListingFeed


class NewsFeed(PageListingFeed):
    def title(self, index_page):
        site_name = self.site_name(index_page)
        return f"{index_page.title} | {site_name}" if site_name else index_page.title

    def description(self, index_page):
        return f"{self.site_name(index_page)}からのお知らせの新着情報です。"

    def items(self, index_page):
        return index_page.news_items()[: index_page.FEED_SIZE]

    def item_title(self, item):
        return ("【重要】" if item.is_important else "") + item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.get_category_display()]

"""RSS 2.0 feeds of listing pages (お知らせ, 断水のお知らせ), built on django.contrib.syndication.

A page's routable view returns `SomeFeed(page)(request)`. Subclasses say which items the feed has
and how each reads (`items`, `item_title`, `item_description`, …, as in Django's Feed); links are the
pages' full URLs on their own Site.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class PageListingFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "ja"
    # Where the feed lives below the listing page (its routable sub-URL).
    feed_path = "feed/"

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.page

    def site_name(self, page):
        site = page.get_site()
        return site.site_name if site else ""

    def link(self, page):
        return page.get_full_url(self.request)

    def feed_url(self, page):
        return (page.get_full_url(self.request) or "") + self.feed_path

    def item_link(self, item):
        return item.get_full_url(self.request)

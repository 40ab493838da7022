from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "cms.pagecache"
    label = "pagecache"
    verbose_name = "ページキャッシュ"

    def ready(self):
        from . import signals

        signals.connect()

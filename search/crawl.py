"""Search pages for the accessibility crawl: results with filters and pagination, and zero results."""


def extra_paths():
    from wagtail.models import Site

    paths = []
    for site in Site.objects.all():
        paths.extend(
            [
                (site, "/search/"),
                (site, "/search/?q=%E3%81%94%E3%81%BF"),  # ごみ
                (site, "/search/?q=%E3%81%94%E3%81%BF&kind=faq"),
                (site, "/search/?q=%E3%81%B4%E3%82%88%E3%81%B4%E3%82%88%E3%81%AA%E3%81%84"),  # zero results
            ]
        )
    return paths

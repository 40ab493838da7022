from django.conf import settings


def page_view_beacon(request):
    """Tells base.html to carry the page-view image, unless views are counted from the access log."""
    return {"page_view_beacon": getattr(settings, "PAGE_VIEW_SOURCE", "beacon") == "beacon"}

"""{% line_friend %}: the city's 友だち追加 (LINE ID, link, QR code) for the footer or a page."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("linepush/includes/line_friend.html", takes_context=True)
def line_friend(context, heading_level=2, show_qr=True):
    from linepush.models import LineSettings

    request = context.get("request")
    settings = LineSettings.for_request(request) if request is not None else None
    return {
        "line": settings,
        "qr": mark_safe(settings.qr_svg()) if settings and settings.is_set and show_qr else "",
        "heading_level": heading_level,
    }

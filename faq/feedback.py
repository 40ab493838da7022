"""Rate limit for 「この回答は役に立ちましたか？」: per client (IP address, kept only as a hashed cache
key for the window, never stored), once per FAQ in ten minutes and at most 30 answers an hour."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

PER_FAQ_RATE = getattr(settings, "FAQ_FEEDBACK_RATE_PER_FAQ", "1/10m")
OVERALL_RATE = getattr(settings, "FAQ_FEEDBACK_RATE_OVERALL", "30/h")


def is_feedback_rate_limited(request, page):
    per_faq = is_ratelimited(
        request, group=f"faq-feedback-{page.pk}", key="ip", rate=PER_FAQ_RATE, method="POST", increment=True
    )
    overall = is_ratelimited(
        request, group="faq-feedback", key="ip", rate=OVERALL_RATE, method="POST", increment=True
    )
    return per_faq or overall

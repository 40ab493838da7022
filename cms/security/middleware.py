"""Content-Security-Policy: a strict policy for the public sites, a relaxed one for the admin.

The public templates load only their own scripts and styles (no inline <script> apart from the
JSON-LD data block, which is not executed), so CONTENT_SECURITY_POLICY allows 'self' only. Wagtail's
admin and Django's admin use inline scripts and styles; they get CSP_ADMIN_DIRECTIVES instead of no
policy at all (still no other origins, no plugins, no framing by other sites).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            return PolicyParts(
                default_config(settings.CSP_ADMIN_DIRECTIVES), parts.update, parts.replace, parts.nonce
            )
        return parts

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from wagtail.models import Page, Site

from cms.a11y.audit import audit
from cms.a11y.checks import CHECKS


def user_can_see_report(user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def audit_report(request):
    """The admin's view of `manage.py a11y_audit`: every problem of every live page, per Site."""
    if not user_can_see_report(request.user):
        raise PermissionDenied
    sites = list(Site.objects.select_related("root_page").order_by("hostname"))
    site = None
    site_id = request.GET.get("site", "")
    if site_id.isdigit():
        site = next((s for s in sites if s.pk == int(site_id)), None)
    result = audit(site)
    rows = []
    for page_result in result.results:
        for problem in page_result.problems:
            rows.append({"page": page_result.page, "problem": problem})
    return render(
        request,
        "a11y/audit_report.html",
        {
            "header_title": "アクセシビリティ点検",
            "page_title": "アクセシビリティ点検",
            "header_icon": "glasses",
            "result": result,
            "rows": rows,
            "sites": sites,
            "selected_site": site,
            "checks": CHECKS.values(),
            "page_model": Page,
        },
    )

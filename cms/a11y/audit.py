"""The accessibility audit of stored content: every live page of one Site or of all Sites."""

from collections import Counter
from dataclasses import dataclass

from wagtail.models import Page, Site

from cms.a11y.checks import CHECKS
from cms.a11y.content import page_problems


@dataclass
class PageResult:
    page: Page
    problems: list

    @property
    def errors(self):
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self):
        return [p for p in self.problems if not p.is_error]


@dataclass
class AuditResult:
    pages_checked: int
    results: list  # PageResult of pages with problems, in tree order

    @property
    def problems(self):
        return [p for result in self.results for p in result.problems]

    @property
    def error_count(self):
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warning_count(self):
        return sum(1 for p in self.problems if not p.is_error)

    def counts_by_check(self):
        counts = Counter(p.check for p in self.problems)
        return [(CHECKS[check], counts[check]) for check in CHECKS if counts[check]]


def live_pages(site=None):
    """Live pages of a Site (its root in every language) or of every Site, in tree order."""
    if site is None:
        queryset = Page.objects.live().filter(depth__gt=1)
    else:
        root = site.root_page
        roots = [root, *root.get_translations()]
        queryset = Page.objects.none()
        for each in roots:
            queryset = queryset | Page.objects.descendant_of(each, inclusive=True)
        queryset = queryset.live()
    return queryset.order_by("path").specific()


def audit(site=None, pages=None):
    pages = list(live_pages(site) if pages is None else pages)
    results = []
    for page in pages:
        problems = page_problems(page)
        if problems:
            results.append(PageResult(page, problems))
    return AuditResult(pages_checked=len(pages), results=results)


def site_for_hostname(hostname):
    return Site.objects.filter(hostname=hostname).select_related("root_page").first()

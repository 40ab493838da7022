"""Views that are not pages: the open data CSVs (sitemap.xml and robots.txt are the core's: cms/views.py)."""

from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from tourism.opendata import DATASETS, render_csv


@require_safe
@cache_control(max_age=300, public=True)
def opendata_csv(request, slug):
    dataset = next((dataset for dataset in DATASETS if dataset.slug == slug), None)
    if dataset is None:
        raise Http404
    response = HttpResponse(
        render_csv(dataset.columns, dataset.rows(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{dataset.download_name}"'
    return response

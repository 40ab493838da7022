"""ダッシュボード: 経営課 sees at a glance how many applications wait and the latest ones."""

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.ui.components import Component

from water.models import ApplicationStatus, WaterApplication

LATEST_COUNT = 5
OPEN_STATUSES = [ApplicationStatus.RECEIVED, ApplicationStatus.IN_PROGRESS]


class WaterApplicationsPanel(Component):
    """新しい申込み (受付) and 確認中 counts plus the latest open ones. Two queries whatever the numbers.

    Only the 受付番号, type, date and status are read: the personal data stays on the edit screen.
    """

    name = "water_applications"
    order = 60
    template_name = "water/admin/applications_panel.html"

    def get_context_data(self, parent_context=None):
        open_applications = WaterApplication.objects.filter(status__in=OPEN_STATUSES)
        counts = dict(open_applications.values_list("status").annotate(n=Count("pk")).order_by())
        latest = list(
            open_applications.only(
                "pk", "reception_number", "received_at", "application_type", "status", "preferred_date"
            )[:LATEST_COUNT]
        )
        index_url = reverse("water_applications:index")
        return {
            "received_count": counts.get(ApplicationStatus.RECEIVED, 0),
            "in_progress_count": counts.get(ApplicationStatus.IN_PROGRESS, 0),
            "latest": latest,
            "index_url": index_url,
            "received_url": f"{index_url}?status={ApplicationStatus.RECEIVED}",
            "in_progress_url": f"{index_url}?status={ApplicationStatus.IN_PROGRESS}",
        }

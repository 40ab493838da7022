"""ダッシュボード: 「あなたの下書き」, the pages an editor saved but has not yet submitted or published.

Wagtail's own panels already show what waits for the user's approval (承認待ち, for 秘書広報課) and
the user's pages in a workflow; none lists drafts that were saved and then forgotten, which is what a
division's editor most often comes back to.
"""

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

DRAFT_LIMIT = 10


def drafts_of(user):
    """Pages whose latest revision is the user's, with unpublished changes and not in a workflow."""
    return (
        Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        .exclude(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
        .order_by("-latest_revision_created_at", "-pk")
    )


class MyDraftsPanel(Component):
    """Count and the latest drafts, two queries whatever the number of pages."""

    name = "my_drafts"
    order = 90
    template_name = "home/admin/my_drafts_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        drafts = drafts_of(self.user)
        return {
            "draft_count": drafts.count(),
            "drafts": list(drafts.only("pk", "title", "live", "latest_revision_created_at")[:DRAFT_LIMIT]),
        }

"""ダッシュボード: 「あなたの下書き」, the pages an editor saved but has not yet submitted or published.

Wagtail's own panels already show what waits for the user's approval (承認待ち, for 秘書広報課) and
the user's pages in a workflow; none lists drafts that were saved and then forgotten, which is what a
division's editor most often comes back to.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, WorkflowState

DRAFT_LIMIT = 10


def drafts_of(user):
    """Pages whose latest revision is the user's, with unpublished changes, not in a workflow and not
    scheduled (a page with 公開予約 is waiting for its time, not forgotten)."""
    # WorkflowState.object_id is text: compare it with the page id as text (PostgreSQL has no
    # varchar = integer), in one subquery.
    in_workflow = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(Page)
    ).values("object_id")
    scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False).values("object_id")
    return (
        Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        .annotate(pk_text=Cast("pk", CharField()))
        .exclude(pk_text__in=in_workflow)
        .exclude(pk_text__in=scheduled)
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
        draft_count = drafts.count()
        return {
            "heading": f"あなたの下書き（{draft_count}件）",
            "draft_count": draft_count,
            "drafts": list(drafts.only("pk", "title", "live", "latest_revision_created_at")[:DRAFT_LIMIT]),
        }

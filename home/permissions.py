"""Editor groups, page permissions and the city site's approval workflow.

How a city runs it (秘書広報課 manages users in the admin):

- 秘書広報課: edits and publishes every page of the city site, approves submissions, manages
  担当課・くらしのできごと・緊急情報・災害モード・リダイレクト and the site search (同義語・おすすめ・検索レポート).
- 各課編集者: what every division's editor needs outside the page tree (admin access, images,
  documents). It holds no page permission by itself.
- 各課編集者（環境課） etc.: one group per 担当課, with add/edit (never publish) on the sections that
  division answers for. An editor of 環境課 is a member of 各課編集者 and 各課編集者（環境課）. One group
  per division keeps the rights visible in the admin's group list and survives staff changes: moving
  a person to another division is a change of group, not a change of permissions.
- 経営課: publishes the water-utility site only.
- 観光交流課: publishes the tourism guide (/kanko/) only. tourism.demo (or an administrator, through
  `manage.py setup_editor_groups`) calls `grant_section("観光交流課", page, publish=True)`.

Submissions on the city site go through the workflow 「市のサイトの公開承認」, whose one task is
approved by 秘書広報課.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

CITY_PUBLISHERS = "秘書広報課"
DIVISION_EDITORS = "各課編集者"
WATER_EDITORS = "経営課"
TOURISM_EDITORS = "観光交流課"

WORKFLOW_NAME = "市のサイトの公開承認"
APPROVAL_TASK_NAME = "秘書広報課の承認"

EDIT_PERMISSIONS = ["add_page", "change_page", "lock_page"]
PUBLISH_PERMISSIONS = EDIT_PERMISSIONS + ["publish_page", "unlock_page", "bulk_delete_page"]

# Model permissions of 秘書広報課 beyond pages: the city site's snippets, settings and redirects.
CITY_PUBLISHER_MODEL_PERMISSIONS = {
    "cms.department": ["add", "change", "delete"],
    "home.lifeevent": ["add", "change", "delete"],
    "home.emergencynotice": ["add", "change", "delete"],
    "home.disastermodesettings": ["change"],
    "wagtailredirects.redirect": ["add", "change", "delete"],
    # The FAQの評価 report holds residents' free-text comments: 秘書広報課 handles them, no one else.
    "faq.faqfeedback": ["view"],
    # Site search: 秘書広報課 tunes synonyms and promoted results (検索のおすすめ) and reads the
    # search reports (search.view_searchquerystat also opens Wagtail's 検索語 report, see search/).
    "search.searchsynonym": ["add", "change", "delete", "view"],
    "search.searchquerystat": ["view"],
    "wagtailsearchpromotions.searchpromotion": ["add", "change", "delete", "view"],
}


# 経営課 handles the applications to start or stop water service (personal data; water.permissions).
WATER_EDITOR_MODEL_PERMISSIONS = {"water.waterapplication": ["handle"]}


# 観光交流課 updates the peony bloom status daily and translates the guide.
TOURISM_MODEL_PERMISSIONS = {
    "tourism.peonybloomreport": ["add", "change"],
    "wagtail_localize.translation": ["submit"],
}


def division_group_name(department_name):
    return f"{DIVISION_EDITORS}（{department_name}）"


def _page_permission(codename):
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page), codename=codename)


def _admin_group(name):
    """A group that can log in to the admin and use images and documents (not their deletion)."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codenames in (
            ("wagtailimages", ["add_image", "choose_image"]),
            ("wagtaildocs", ["add_document", "choose_document"]),
        ):
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
                )
    return group


def grant_section(group_name, page, publish=False):
    """Let `group_name` edit (and with publish=True, publish) `page` and everything below it.

    Idempotent. Creates the group (with admin access) when missing. Returns the group.
    """
    group = _admin_group(group_name)
    for codename in PUBLISH_PERMISSIONS if publish else EDIT_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )
    return group


def _grant_model_permissions(group, spec):
    for model_label, actions in spec.items():
        app_label, model_name = model_label.split(".")
        for action in actions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=f"{action}_{model_name}"
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def ensure_city_workflow(city_root):
    """「市のサイトの公開承認」: submissions anywhere on the city site need 秘書広報課's approval."""
    publishers = Group.objects.get(name=CITY_PUBLISHERS)
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(publishers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=city_root, defaults={"workflow": workflow})
    return workflow


def grant_division_sections(city_root):
    """Each 担当課's editor group may edit the sections (分類) that name it as 担当課."""
    from home.models import SectionPage

    granted = {}
    for section in (
        SectionPage.objects.descendant_of(city_root)
        .filter(depth=city_root.depth + 2)
        .select_related("department")
    ):
        if section.department is None:
            continue
        grant_section(division_group_name(section.department.name), section)
        granted.setdefault(section.department.name, []).append(section)
    return granted


def tourism_sections():
    """The tourism guide's top pages and open data pages, once the tourism app has created them."""
    pages = []
    for model_name in ("TourismTopPage", "OpenDataPage"):
        try:
            model = apps.get_model("tourism", model_name)
        except LookupError:
            continue
        pages.extend(model.objects.all())
    return pages


# What Wagtail's initial migrations create; a city works with its own groups and workflow instead.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def remove_wagtail_defaults():
    """Drop Wagtail's sample groups (while nobody is a member) and its sample workflow on Root.

    They are English, grant rights nobody was meant to have, and the workflow on Root would also
    apply to the water site. A group someone was put in, or a workflow with history, is kept
    (deactivated and unassigned) so that nothing recorded is lost.
    """
    for name in WAGTAIL_DEFAULT_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            GroupApprovalTask.groups.through.objects.filter(group=group).delete()
            group.delete()
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        tasks = [wt.task for wt in WorkflowTask.objects.filter(workflow=workflow).select_related("task")]
        if workflow.workflow_states.exists():
            workflow.deactivate()
            continue
        workflow.delete()
        for task in tasks:
            if not task.workflow_tasks.exists() and not task.task_states.exists():
                task.delete()


def ensure_editor_groups(city_root, water_root=None):
    """Create the four groups and their permissions; safe to run again at any time."""
    remove_wagtail_defaults()
    publishers = grant_section(CITY_PUBLISHERS, city_root, publish=True)
    _grant_model_permissions(publishers, CITY_PUBLISHER_MODEL_PERMISSIONS)
    _admin_group(DIVISION_EDITORS)
    grant_division_sections(city_root)
    if water_root is not None:
        water_group = grant_section(WATER_EDITORS, water_root, publish=True)
    else:
        water_group = _admin_group(WATER_EDITORS)
    _grant_model_permissions(water_group, WATER_EDITOR_MODEL_PERMISSIONS)
    tourism_group = _admin_group(TOURISM_EDITORS)
    _grant_model_permissions(tourism_group, TOURISM_MODEL_PERMISSIONS)
    for page in tourism_sections():
        grant_section(TOURISM_EDITORS, page, publish=True)
    ensure_city_workflow(city_root)
    return {"publishers": publishers, "tourism": tourism_group}

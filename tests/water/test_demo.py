"""The water part of seed_demo: three notices in three states, sample rates, twelve months, idempotent."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms import demo as cms_demo
from cms.demo_utils import DemoContext
from water import demo as water_demo
from water.models import (
    WaterOutageNoticePage,
    WaterQualityResult,
    WaterRatePage,
)


def run_seed():
    ctx = DemoContext(stdout=io.StringIO())
    cms_demo.seed(ctx)
    ctx.created = ctx.updated = 0
    water_demo.seed(ctx)
    return ctx


@pytest.fixture()
def seeded(db):
    return run_seed()


def test_three_notices_one_in_each_state(seeded):
    states = {n.slug: n.status() for n in WaterOutageNoticePage.objects.all()}
    assert sorted(states.values()) == ["active", "ended", "planned"]


def test_rate_table_is_marked_as_sample(seeded):
    page = WaterRatePage.objects.get()
    assert page.is_sample
    assert page.basic_charges.count() >= 5 and page.volume_tiers.count() >= 3


def test_twelve_months_of_quality_results(seeded):
    assert len(WaterQualityResult.objects.dates("month", "month")) == 12


def test_keiei_group_exists_with_the_application_permission(seeded):
    group = Group.objects.get(name="経営課")
    assert group.permissions.filter(codename="handle_waterapplication").exists()


def test_second_run_changes_nothing(seeded):
    revisions = list(WaterOutageNoticePage.objects.values_list("pk", "latest_revision_id").order_by("pk"))
    results = WaterQualityResult.objects.count()
    ctx = run_seed()
    assert (ctx.created, ctx.updated) == (0, 0)
    assert (
        list(WaterOutageNoticePage.objects.values_list("pk", "latest_revision_id").order_by("pk"))
        == revisions
    )
    assert WaterQualityResult.objects.count() == results


def test_a_notice_whose_state_drifted_is_moved_back(seeded):
    # The demo database is a month old: the "active" notice has ended by now.
    notice = WaterOutageNoticePage.objects.get(slug="haisuikan-koji-omachi")
    notice.starts_at -= timedelta(days=60)
    notice.ends_at = timezone.now() - timedelta(days=1)
    notice.save_revision().publish()
    run_seed()
    assert WaterOutageNoticePage.objects.get(slug="haisuikan-koji-omachi").status() == "active"

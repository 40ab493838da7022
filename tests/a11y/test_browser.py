"""Keyboard, reflow, zoom, reduced motion, colour schemes and ふりがな in real Chromium (seeded demo).

Page types are taken from the demo database: one live page of each specific page class, so page
types added by any app are covered without changing these tests.
"""

import re

import pytest
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from cms.a11y.audit import audit
from tests.browser import format_violations, new_context, page_url, run_axe, screenshot, site_url

pytestmark = pytest.mark.browser


def one_page_per_type():
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        if type(page) not in pages and page.get_url_parts():
            pages[type(page)] = page
    return list(pages.values())


def city_site():
    return Site.objects.get(is_default_site=True)


def home_url(server):
    return site_url(server, city_site(), "/")


def page_with_block(block_type):
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                raw = getattr(page, field.name).raw_data
                if any(item.get("type") == block_type for item in raw):
                    return page
    return None


def context_with(browser, server, **cookies):
    context = new_context(browser)
    port = server.url.rsplit(":", 1)[1]
    for site in Site.objects.all():
        for name, value in cookies.items():
            context.add_cookies([{"name": name, "value": value, "url": f"http://{site.hostname}:{port}/"}])
    return context


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase()) : null; }"
    )


FOCUS_VISIBLE_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'nothing focused';
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const r = e.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
    && r.top < innerHeight && r.left < innerWidth;
  if (!(outline || shadow)) return 'no focus indicator: ' + e.outerHTML.slice(0, 120);
  if (!onScreen) return 'focused element off screen: ' + e.outerHTML.slice(0, 120);
  return '';
}"""

# Horizontal scrolling and text cut off by overflow at the current viewport width.
REFLOW_JS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push('horizontal scroll: page is ' + document.documentElement.scrollWidth + 'px wide');
  }
  const inScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const ownText = (el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden, .skip-link, [hidden], script, style, template, wagtail-userbar')) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;  // also closed <details>
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    const label = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    if (ownText(el) && r.right > width + 1 && !inScroller(el)) {
      problems.push('beyond the right edge: ' + label + ' «' + el.textContent.trim().slice(0, 30) + '»');
    }
    if ((s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis')
        && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
      problems.push('clipped text: ' + label + ' «' + el.textContent.trim().slice(0, 30) + '»');
    }
  }
  return problems;
}"""

# Text and controls that overlap each other (per line box, so wrapped links are compared line by line).
OVERLAP_JS = """() => {
  const selector = 'a, button, input, select, textarea, label, summary, h1, h2, h3, h4, p, dt, dd, th, td, figcaption, caption';
  const items = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('.visually-hidden, .skip-link, [hidden], wagtail-userbar')) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;  // also closed <details>
    const rects = Array.from(el.getClientRects()).filter((r) => r.width > 1 && r.height > 1);
    if (rects.length) items.push({el, rects});
  }
  const problems = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (a.el.tagName === 'LABEL' && a.el.control === b.el) continue;
      for (const r1 of a.rects) for (const r2 of b.rects) {
        const w = Math.min(r1.right, r2.right) - Math.max(r1.left, r2.left);
        const h = Math.min(r1.bottom, r2.bottom) - Math.max(r1.top, r2.top);
        if (w > 2 && h > 2) {
          problems.push(a.el.tagName + '«' + a.el.textContent.trim().slice(0, 20) + '» overlaps '
            + b.el.tagName + '«' + b.el.textContent.trim().slice(0, 20) + '»');
        }
      }
    }
  }
  return problems.slice(0, 20);
}"""

CONTRAST_JS = """async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']},
  resultTypes: ['violations']})).violations"""

MOTION_JS = """() => {
  const seconds = (v) => Math.max(...v.split(',').map((x) => x.trim().endsWith('ms') ? parseFloat(x) / 1000 : parseFloat(x)));
  const problems = [];
  if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') problems.push('smooth scrolling');
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (s.animationName !== 'none' && seconds(s.animationDuration) > 0.001) {
      problems.push('animation ' + s.animationName + ' on ' + el.tagName.toLowerCase() + '.' + el.className);
    }
    if (seconds(s.transitionDuration) > 0.001) {
      problems.push('transition ' + s.transitionProperty + ' on ' + el.tagName.toLowerCase() + '.' + el.className);
    }
  }
  return problems.slice(0, 20);
}"""


def test_clean_demo_has_no_content_problems(demo_server, demo_db):
    result = audit()
    lines = [
        f"{r.page.title} ({type(r.page).__name__} {r.page.url_path}) {p.where()} {p.label}「{p.text}」"
        for r in result.results
        for p in r.problems
    ]
    assert result.pages_checked > 50
    assert not lines, "a11y_audit found problems in the demo:\n" + "\n".join(lines)


def test_skip_link_moves_focus_to_main(browser_page, demo_server, demo_db):
    browser_page.goto(home_url(demo_server))
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.className") == "skip-link"
    assert browser_page.locator(".skip-link").bounding_box()["y"] >= 0  # shown when focused
    browser_page.keyboard.press("Enter")
    assert focused(browser_page) == "main"


def test_focus_is_always_visible(browser_page, demo_server, demo_db):
    browser_page.goto(home_url(demo_server))
    problems = []
    for _ in range(45):
        browser_page.keyboard.press("Tab")
        problem = browser_page.evaluate(FOCUS_VISIBLE_JS)
        if problem and problem != "nothing focused":
            problems.append(problem)
    assert not problems, "\n".join(problems)


def test_accordion_opens_and_closes_by_keyboard(browser_page, demo_server, demo_db):
    page = page_with_block("accordion")
    assert page is not None, "the demo has no page with an accordion block"
    browser_page.goto(page_url(demo_server, page))
    summary = browser_page.locator("details.accordion__item > summary").first
    details = browser_page.locator("details.accordion__item").first
    summary.focus()
    browser_page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    browser_page.keyboard.press("Space")
    assert not details.evaluate("d => d.open")


def test_global_menu_by_keyboard(browser_page, demo_server, demo_db):
    browser_page.goto(home_url(demo_server))
    link = browser_page.locator(".global-nav a").first
    href = link.get_attribute("href")
    for _ in range(60):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.classList.contains('global-nav__link')"):
            break
    else:
        pytest.fail("the main menu cannot be reached with Tab")
    assert browser_page.evaluate("document.activeElement.getAttribute('href')") == href
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    assert browser_page.url.endswith(href)


def test_search_suggestions_by_keyboard(browser_page, demo_server, demo_db):
    browser_page.goto(home_url(demo_server))
    box = browser_page.locator("#site-search-q")
    if box.get_attribute("role") != "combobox":
        pytest.skip("the header search has no suggestion combobox")
    box.focus()
    box.press_sequentially("ごみ")
    listbox = browser_page.locator("#site-search-listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    browser_page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and browser_page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    browser_page.keyboard.press("Escape")
    assert listbox.is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert focused(browser_page) == "site-search-q"


def test_visitor_tools_by_keyboard_and_remembered(browser_page, demo_server, demo_db):
    browser_page.goto(home_url(demo_server))
    black = browser_page.locator('.visitor-tools button[name="colour"][value="black"]')
    black.focus()
    browser_page.keyboard.press("Space")
    assert "a11y-colour-black" in browser_page.evaluate("document.body.className")
    assert black.get_attribute("aria-pressed") == "true"
    browser_page.locator('.visitor-tools button[name="text"][value="large"]').focus()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    # Remembered on the next page.
    browser_page.goto(site_url(demo_server, city_site(), "/faq/"))
    assert {"a11y-colour-black", "a11y-text-large"} <= set(
        browser_page.evaluate("document.body.className").split()
    )
    browser_page.locator('.visitor-tools button[name="colour"][value="white"]').focus()
    browser_page.keyboard.press("Enter")
    assert "a11y-colour-black" not in browser_page.evaluate("document.body.className")


def test_visitor_tools_work_without_javascript(browser, demo_server, demo_db):
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        start = site_url(demo_server, city_site(), "/faq/")
        page.goto(start)
        with page.expect_navigation():
            page.locator('.visitor-tools button[name="colour"][value="blue"]').click()
        assert page.url == start
        assert "a11y-colour-blue" in page.evaluate("document.body.className")
        assert (
            page.locator('.visitor-tools button[name="colour"][value="blue"]').get_attribute("aria-pressed")
            == "true"
        )
    finally:
        context.close()


def test_every_page_type_reflows_zooms_and_keeps_contrast(browser, demo_server, demo_db):
    """320 px: no horizontal scrolling, no clipped text. 640 px (a 1280 px window at 200%): nothing
    overlaps. With prefers-reduced-motion nothing animates. 背景色 黒 and 青 pass axe's colour contrast."""
    context = new_context(browser, viewport={"width": 320, "height": 800}, reduced_motion="reduce")
    page_view = context.new_page()
    problems = []
    pages = one_page_per_type()
    assert len(pages) >= 5
    try:
        for page in pages:
            label = f"{type(page).__name__} {page.url_path}"
            page_view.set_viewport_size({"width": 320, "height": 800})
            page_view.goto(page_url(demo_server, page))
            problems += [f"{label} at 320px: {p}" for p in page_view.evaluate(REFLOW_JS)]
            problems += [f"{label} reduced motion: {p}" for p in page_view.evaluate(MOTION_JS)]
            page_view.set_viewport_size({"width": 640, "height": 800})
            problems += [f"{label} at 200%: {p}" for p in page_view.evaluate(OVERLAP_JS)]
            # 背景色 黒 and 青 as a visitor gets them: the cookie set, the page loaded afresh. (Toggling the
            # body class in place raced with style recalculation and made axe read stale colours.)
            page_view.set_viewport_size({"width": 1280, "height": 800})
            for scheme in ("black", "blue"):
                context.add_cookies([{"name": "a11y_colour", "value": scheme, "url": page_view.url}])
                page_view.reload(wait_until="load")
                assert page_view.evaluate(f"document.body.classList.contains('a11y-colour-{scheme}')"), label
                problems += format_violations(f"{label} in {scheme}", page_view.evaluate(CONTRAST_JS))
            context.clear_cookies()
    finally:
        context.close()
    print(f"\nreflow/zoom/motion/colour schemes: {len(pages)} page types checked")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["white", "black", "blue"])
def test_colour_scheme_from_cookie_passes_axe(browser, demo_server, demo_db, scheme):
    """The scheme a visitor chose (cookie) on the top page: full axe run and a screenshot."""
    context = context_with(browser, demo_server, a11y_colour=scheme)
    page_view = context.new_page()
    try:
        page_view.goto(home_url(demo_server))
        assert scheme == "white" or f"a11y-colour-{scheme}" in page_view.evaluate("document.body.className")
        problems = format_violations(f"{scheme} top page", run_axe(page_view))
        screenshot(page_view, f"a11y-colour-{scheme}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_furigana_shows_readings_on_any_page(browser, demo_server, demo_db):
    context = context_with(browser, demo_server, a11y_ruby="on")
    page_view = context.new_page()
    try:
        page_view.goto(home_url(demo_server))
        readings = page_view.locator("main ruby rt")
        assert readings.count() > 5
        assert all(re.fullmatch("[ぁ-ゖー]+", text) for text in readings.all_inner_texts())
        assert page_view.locator("header ruby").count() == 0
        assert page_view.locator('button[name="ruby"][value="on"]').get_attribute("aria-pressed") == "true"
        assert_lines = format_violations("furigana top page", run_axe(page_view))
        screenshot(page_view, "a11y-furigana")
        # Switched off again with the keyboard (reloads the page without readings).
        page_view.locator('button[name="ruby"][value="off"]').focus()
        with page_view.expect_navigation():
            page_view.keyboard.press("Enter")
        assert page_view.locator("main ruby").count() == 0
    finally:
        context.close()
    assert not assert_lines, "\n".join(assert_lines)


def test_test_run_with_axe_records_results(browser, demo_server, demo_db):
    from cms.a11y.models import AccessibilityTestRun
    from cms.a11y.testrun import run

    site = Site.objects.exclude(is_default_site=True).order_by("hostname").first()
    record = run(site, sample=2, browser=True, seed=1, chromium=browser)
    try:
        by_number = {c["criterion"]: c for c in record.criteria}
        assert "axe-core" in by_number["1.4.3"]["method"]
        assert by_number["1.4.3"]["result"] == "問題なし"
        assert "axe-core" in record.tools
        assert record.pages_tested == 2
    finally:
        AccessibilityTestRun.objects.filter(pk=record.pk).delete()


def test_content_checker_rules_find_japanese_problems(browser_page, demo_server, demo_db):
    """The custom axe rules given to Wagtail's checker (userbar, preview panel) work in Chromium."""
    import json

    from cms.a11y.userbar import JapaneseContentCheckerItem

    item = JapaneseContentCheckerItem()
    spec = item.get_axe_spec(None)
    own = [rule["id"] for rule in spec["rules"] if rule["id"].startswith("sukagawa-")]
    browser_page.goto(home_url(demo_server))
    browser_page.evaluate(
        """(html) => { const div = document.createElement('div'); div.innerHTML = html;
        document.querySelector('main').appendChild(div); }""",
        '<p>手続き①　ｽｶｶﾞﾜ</p><p><a href="/x/">こちら</a> <a href="/files/shinsei.pdf">申請書</a></p>'
        "<table><tr><td>1</td></tr></table>",
    )
    found = browser_page.evaluate(
        f"""async () => {{
          const spec = {json.dumps(spec)};
          axe.configure({{rules: spec.rules.filter((r) => r.id.startsWith('sukagawa-')), checks: spec.checks.filter((c) => c.id.startsWith('sukagawa-'))}});
          const result = await axe.run(document, {{runOnly: {{type: 'rule', values: {json.dumps(own)}}}}});
          return result.violations.map((v) => v.id);
        }}"""
    )
    assert set(found) == {
        "sukagawa-izonmoji",
        "sukagawa-hankaku-kana",
        "sukagawa-vague-link",
        "sukagawa-file-link",
        "sukagawa-table",
    }

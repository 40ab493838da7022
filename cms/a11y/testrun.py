"""The automated accessibility test run whose record the 試験結果 pages show.

Pages are chosen as the JIS test guideline describes: every page of a small site; for a larger one the
top page, the disaster information page, one page of each page type and random pages up to the
sample size. Each chosen page is checked for the editor checks (stored content) and, when Chromium
is available, with axe-core (WCAG 2.1 A/AA rules) on the rendered page. Results are recorded per
success criterion of JIS X 8341-3:2016 (WCAG 2.0) level A and AA.
"""

import random
import re
from collections import defaultdict

from django.utils import timezone

from cms.a11y.audit import live_pages
from cms.a11y.checks import CHECKS
from cms.a11y.content import page_problems

# JIS X 8341-3:2016 success criteria (= WCAG 2.0), level A and AA.
CRITERIA = [
    ("1.1.1", "A", "非テキストコンテンツ"),
    ("1.2.1", "A", "音声のみ及び映像のみ（収録済）"),
    ("1.2.2", "A", "キャプション（収録済）"),
    ("1.2.3", "A", "音声解説、又はメディアに対する代替（収録済）"),
    ("1.2.4", "AA", "キャプション（ライブ）"),
    ("1.2.5", "AA", "音声解説（収録済）"),
    ("1.3.1", "A", "情報及び関係性"),
    ("1.3.2", "A", "意味のある順序"),
    ("1.3.3", "A", "感覚的な特徴"),
    ("1.4.1", "A", "色の使用"),
    ("1.4.2", "A", "音声の制御"),
    ("1.4.3", "AA", "コントラスト（最低限レベル）"),
    ("1.4.4", "AA", "テキストのサイズ変更"),
    ("1.4.5", "AA", "文字画像"),
    ("2.1.1", "A", "キーボード"),
    ("2.1.2", "A", "キーボードトラップなし"),
    ("2.2.1", "A", "タイミング調整可能"),
    ("2.2.2", "A", "一時停止、停止及び非表示"),
    ("2.3.1", "A", "3回のせん（閃）光、又はしきい（閾）値以下"),
    ("2.4.1", "A", "ブロックスキップ"),
    ("2.4.2", "A", "ページタイトル"),
    ("2.4.3", "A", "フォーカス順序"),
    ("2.4.4", "A", "リンクの目的（コンテキスト内）"),
    ("2.4.5", "AA", "複数の手段"),
    ("2.4.6", "AA", "見出し及びラベル"),
    ("2.4.7", "AA", "フォーカスの可視化"),
    ("3.1.1", "A", "ページの言語"),
    ("3.1.2", "AA", "一部分の言語"),
    ("3.2.1", "A", "フォーカス時"),
    ("3.2.2", "A", "入力時"),
    ("3.2.3", "AA", "一貫したナビゲーション"),
    ("3.2.4", "AA", "一貫した識別性"),
    ("3.3.1", "A", "エラーの特定"),
    ("3.3.2", "A", "ラベル又は説明"),
    ("3.3.3", "AA", "エラー修正の提案"),
    ("3.3.4", "AA", "エラー回避（法的、金融及びデータ）"),
    ("4.1.1", "A", "構文解析"),
    ("4.1.2", "A", "名前（name）、役割（role）及び値（value）"),
]
# Criteria that axe-core's WCAG 2.0/2.1 A/AA rules test (at least in part).
AXE_CRITERIA = {
    "1.1.1", "1.2.2", "1.3.1", "1.4.1", "1.4.3", "1.4.4", "2.1.1", "2.2.1", "2.2.2", "2.4.1", "2.4.2",
    "2.4.4", "3.1.1", "3.1.2", "3.3.2", "4.1.1", "4.1.2",
}  # fmt: skip
# Criteria the editor checks (cms.a11y.checks) test.
CONTENT_CRITERIA = {check.criterion for check in CHECKS.values() if check.criterion}

PASS = "問題なし"
FAIL = "問題あり"
NOT_TESTED = "自動試験の対象外"
DEFAULT_SAMPLE = 40
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def choose_pages(site=None, sample=DEFAULT_SAMPLE, seed=None):
    """(pages, how they were chosen) following the JIS test guideline's sampling."""
    pages = list(live_pages(site))
    total = len(pages)
    if total <= sample:
        return pages, total, f"公開中のすべてのページ（{total}ページ）を試験しました。"
    # Representative pages first (top, disaster information, one of each page type), then random ones.
    representative = [page for page in pages if page.depth <= 2]
    disaster = [
        p for p in pages if re.search("防災|災害|disaster|bosai", f"{p.slug} {p.title}", re.IGNORECASE)
    ]
    representative += sorted(disaster, key=lambda page: page.depth)[:1]
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), page)
    chosen = {}
    for page in [*representative, *by_type.values()]:
        if len(chosen) < sample:
            chosen.setdefault(page.pk, page)
    rest = [page for page in pages if page.pk not in chosen]
    randomizer = random.Random(seed)
    for page in randomizer.sample(rest, max(0, min(len(rest), sample - len(chosen)))):
        chosen[page.pk] = page
    ordered = [page for page in pages if page.pk in chosen]
    return (
        ordered,
        total,
        f"公開中の{total}ページから、トップページ・防災情報のページ・ページの種類ごとに1ページ"
        f"（代表ページ）と、無作為に選んだページを合わせて{len(ordered)}ページを選びました。",
    )


def axe_results(pages, chromium_path=None, browser=None):
    """{page pk: [(criterion, rule id, help, target)]} from axe-core in Chromium, or None if unavailable.

    Pages are rendered in-process (Django's test client behind Playwright's request routing), so no
    running web server is needed.
    """
    try:
        import axe_playwright_python
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    import os
    import shutil
    from pathlib import Path
    from urllib.parse import urlsplit

    from django.contrib.staticfiles import finders
    from django.test import Client

    chromium_path = chromium_path or os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if browser is None and not (shutil.which(chromium_path) or os.path.exists(chromium_path)):
        return None
    axe_js = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    client = Client(raise_request_exception=False)

    def route(request_route, request):
        parts = urlsplit(request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith("/static/"):
            found = finders.find(parts.path[len("/static/") :])
            if found:
                request_route.fulfill(path=found)
                return
        response = client.get(path, HTTP_HOST=parts.netloc)
        headers = {k: v for k, v in response.items() if k.lower() in ("content-type", "location")}
        body = b"".join(response.streaming_content) if response.streaming else response.content
        request_route.fulfill(status=response.status_code, headers=headers, body=body)

    def test_pages(chromium):
        results = {}
        context = chromium.new_context(locale="ja-JP")
        context.route("**/*", route)
        page_view = context.new_page()
        for page in pages:
            url = page.get_full_url()
            if not url:
                continue
            page_view.goto(url, wait_until="load")
            page_view.evaluate(axe_js)
            violations = page_view.evaluate(
                "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})).violations",
                AXE_TAGS,
            )
            found = []
            for violation in violations:
                criteria = [
                    ".".join(tag[4:]) if len(tag) == 7 else f"{tag[4]}.{tag[5]}.{tag[6:]}"
                    for tag in violation["tags"]
                    if re.fullmatch(r"wcag\d{3,4}", tag)
                ]
                for node in violation["nodes"]:
                    target = " ".join(str(t) for t in node["target"])
                    for criterion in criteria or ["4.1.2"]:
                        found.append((criterion, violation["id"], violation["help"], target))
            results[page.pk] = found
        context.close()
        return results

    if browser is not None:
        return test_pages(browser)
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made while routing
    # requests are still plain synchronous calls of this command.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=chromium_path, headless=True, args=["--no-sandbox"]
            )
            try:
                return test_pages(chromium)
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def run(site=None, sample=DEFAULT_SAMPLE, browser=True, seed=None, chromium_path=None, chromium=None):
    """Test the chosen pages and store an AccessibilityTestRun; returns it.

    `chromium`: an already launched Playwright browser to use (tests), else one is started.
    """
    from cms.a11y.models import AccessibilityTestRun

    started = timezone.now()
    pages, total, selection = choose_pages(site, sample, seed)
    axe = axe_results(pages, chromium_path, chromium) if browser else None
    failures = defaultdict(list)  # criterion -> [(page, what)]
    problems = []
    for page in pages:
        for problem in page_problems(page):
            criterion = CHECKS[problem.check].criterion
            entry = {
                "page": page.title,
                "url": page.get_url() or page.url_path,
                "criterion": criterion,
                "check": problem.label,
                "severity": problem.severity,
                "where": problem.where(),
                "text": problem.text,
            }
            problems.append(entry)
            if criterion and problem.is_error:
                failures[criterion].append(entry)
        for criterion, rule, help_text, target in (axe or {}).get(page.pk, []):
            entry = {
                "page": page.title,
                "url": page.get_url() or page.url_path,
                "criterion": criterion,
                "check": f"axe-core: {rule}（{help_text}）",
                "severity": "error",
                "where": target,
                "text": "",
            }
            problems.append(entry)
            failures[criterion].append(entry)
    tested = set(CONTENT_CRITERIA) | (AXE_CRITERIA if axe is not None else set())
    criteria = []
    for number, level, title in CRITERIA:
        methods = []
        if number in CONTENT_CRITERIA:
            methods.append("編集内容の点検")
        if axe is not None and number in AXE_CRITERIA:
            methods.append("axe-core")
        if number not in tested:
            result = NOT_TESTED
        else:
            result = FAIL if failures.get(number) else PASS
        criteria.append(
            {
                "criterion": number,
                "level": level,
                "title": title,
                "method": "・".join(methods),
                "result": result,
                "problems": len(failures.get(number, [])),
            }
        )
    tools = ["編集内容の点検（機種依存文字・半角カナ・代替テキスト・リンクの文字・表・見出しなど）"]
    if axe is not None:
        tools.append("axe-core（WCAG 2.1 レベルA・AAのルール）をChromiumで実行")
    else:
        tools.append("axe-core による表示したページの試験は行っていません（Chromiumがない環境）")
    return AccessibilityTestRun.objects.create(
        site=site,
        started_at=started,
        finished_at=timezone.now(),
        pages_total=total,
        pages_tested=len(pages),
        selection=selection,
        tools="\n".join(tools),
        pages=[{"title": page.title, "url": page.get_url() or page.url_path} for page in pages],
        criteria=criteria,
        problems=problems[:500],
    )

"""Screenshots of the admin report 「計画の指標」 for docs/indicators.md: the 1366x768 window as staff
first see it (indicators.png) and the whole report at the same width (indicators-full.png).

Run against a server holding the demo (`make run`, then in another shell), signed in as a member of
秘書広報課 (who sees every indicator):
    .venv/bin/python docs/screenshots/capture_indicators.py http://localhost:8000 USERNAME PASSWORD
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from conftest import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402 - the test suite's Chromium

OUT = Path(__file__).resolve().parent / "indicators.png"
FULL = OUT.with_name("indicators-full.png")


def main(base, username, password):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1366, "height": 768}, locale="ja-JP", timezone_id="Asia/Tokyo", device_scale_factor=1
        )
        page = context.new_page()
        page.goto(f"{base}/admin/login/?next=/admin/reports/keikaku-shihyo/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/reports/keikaku-shihyo/**")
        page.screenshot(path=str(OUT))
        # The admin scrolls inside its own layout, so full_page sees one window: grow the window instead.
        height = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": 1366, "height": height})
        page.screenshot(path=str(FULL))
        for path in (OUT, FULL):
            print(f"{path.name}  {path.stat().st_size // 1024} KB  {page.url}")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])

"""Screenshots of the public site for docs/design.md (phone 390x844 and desktop 1366x768, ja and en).

Run against a server holding the demo (`make run`, then in another shell):
    .venv/bin/python docs/screenshots/capture.py http://localhost:8000
JPEG at quality 80 keeps each file small; the first screen only (what a visitor sees before scrolling).
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from conftest import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402 - the test suite's Chromium

OUT = Path(__file__).resolve().parent
# name: (host prefix, ja path, en path or None)
PAGES = {
    "city-top": ("", "/", "/en/"),
    # In English: the page for residents from abroad (the city's articles are in Japanese only).
    "article": ("", "/kurashi/gomi/wakekata/", "/en/foreign-residents/"),
    "water-top": ("water.", "/", None),
    "kanko": ("", "/kanko/", "/en/kanko/"),
    "spot": ("", "/kanko/spots/botanen/", "/en/kanko/spots/botanen/"),
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


def main(base):
    parts = urlsplit(base)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, locale="ja-JP", device_scale_factor=1)
            page = context.new_page()
            for name, (prefix, ja_path, en_path) in PAGES.items():
                for language, path in (("ja", ja_path), ("en", en_path)):
                    if path is None:
                        continue
                    url = f"{parts.scheme}://{prefix}{parts.netloc}{path}"
                    page.goto(url, wait_until="load")
                    target = OUT / f"{name}-{language}-{device}.jpg"
                    page.screenshot(path=str(target), type="jpeg", quality=80)
                    print(f"{target.name}  {target.stat().st_size // 1024} KB  {url}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000")

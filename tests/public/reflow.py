"""Page-level horizontal overflow in real Chromium, under the three conditions of WCAG 1.4.10/1.4.4.

One navigation per page: the page is measured at 320 CSS px, then (without reloading) at 390 px with
the site's 文字サイズ「拡大」 (the class visitor-tools.js sets, the same CSS the cookie selects), then
at 390 px with the text at 200 % (the root font size doubled, as the browser's text zoom does).
"""

CONDITIONS = [
    ("320px", 320, None),
    ("390px-拡大", 390, "large"),
    ("390px-200%", 390, "200"),
]

_APPLY = """(mode) => {
  const body = document.body;
  body.classList.remove('a11y-text-large');
  document.getElementById('reflow-test-200')?.remove();
  if (mode === 'large') body.classList.add('a11y-text-large');
  if (mode === '200') {
    const style = document.createElement('style');
    style.id = 'reflow-test-200';
    style.textContent = 'html, html:has(> body.a11y-text-large) { font-size: 200% !important; }';
    document.head.append(style);
  }
}"""

# The page's width beyond the viewport and the widest elements that stick out (for the message).
_MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') { inScroller = true; break; }
      }
      if (!inScroller) culprits.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(rect.right) + 'px');
    }
  }
  return {scrollWidth: root.scrollWidth, width, culprits: culprits.slice(-3)};
}"""


def reflow_problems(page, url):
    """Problems of the loaded page under each condition (empty list: it reflows)."""
    problems = []
    height = page.viewport_size["height"] if page.viewport_size else 800
    for label, width, mode in CONDITIONS:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(_APPLY, mode)
        result = page.evaluate(_MEASURE)
        if result:
            problems.append(
                f"{url} [{label}] page is {result['scrollWidth']}px wide in {result['width']}px: "
                + ", ".join(result["culprits"])
            )
    page.evaluate(_APPLY, None)
    return problems

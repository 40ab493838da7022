"""Find English UI text on a rendered admin screen (real Chromium, after Wagtail's JavaScript ran).

Visible text = the page's innerText plus aria-label, placeholder and title attributes of visible
elements (what a screen reader or a tooltip shows). English = a run of two or more ASCII words, or
one word from a list of the admin's own one-word labels, minus a short allow-list of names that are
English in any Japanese office too (product names, file formats, language names).
"""

import re

# Names a Japanese city office writes in Latin letters as well.
ALLOWED = {
    "Wagtail",
    "Wagtail CMS",
    "Wagtail Localize",
    "DeepL",
    "Embedly",
    "JavaScript",
    "English",
    "API",
    "URL",
    "ID",
    "PO",
    "CSV",
    "XLSX",
    "PDF",
    "HTML",
    "JSON",
    "UTC",
    "JST",
    "Enter",
    "Ctrl",
    "Shift",
    "Alt",
    "Cmd",
    "Tab",
    "Esc",
    "OK",
}

# One-word admin labels that must not stay English (the multi-word rule misses them).
KNOWN_WORDS = {
    "actions",
    "add",
    "all",
    "approve",
    "approved",
    "back",
    "cancel",
    "choose",
    "close",
    "collapse",
    "comments",
    "compare",
    "copy",
    "dashboard",
    "delete",
    "documents",
    "draft",
    "edit",
    "editing",
    "expand",
    "explore",
    "filter",
    "help",
    "history",
    "home",
    "images",
    "live",
    "locale",
    "locales",
    "lock",
    "locked",
    "move",
    "next",
    "pages",
    "preview",
    "previous",
    "privacy",
    "private",
    "public",
    "publish",
    "published",
    "redirects",
    "reports",
    "revisions",
    "save",
    "saved",
    "saving",
    "schedule",
    "scheduled",
    "search",
    "settings",
    "snippets",
    "sort",
    "status",
    "submit",
    "sync",
    "tasks",
    "translate",
    "translations",
    "unlock",
    "unpublish",
    "untitled",
    "upload",
    "users",
    "view",
    "workflow",
    "workflows",
    "yes",
    "no",
    "none",
    "type",
    "title",
    "name",
    "date",
    "user",
    "group",
    "groups",
    "collections",
    "tags",
    "usage",
    "more",
    "less",
    "loading",
    "error",
    "errors",
    "warning",
    "warnings",
    "success",
    "clear",
    "apply",
    "confirm",
    "continue",
    "create",
    "new",
    "update",
    "updated",
    "created",
    "owner",
    "sites",
    "site",
    "account",
    "profile",
    "notifications",
    "menu",
    "select",
    "submitted",
    "rejected",
    "cancelled",
    "expired",
    "minimap",
    "checks",
    "content",
    "promote",
    # Left on screens by the first review (Wagtail's root page, the sites list, hidden labels).
    "root",
    "port",
    "true",
    "false",
    "cms",
}

# Japanese that is wrong at the workflow's key moments, or not the glossary's word (the second review):
# each was seen on a screen of one of the five roles.
BAD_PHRASES = [
    "差し戻した日時",  # "Changes requested at" + the task's name: the task, not a time
    "待っているもの",
    "親のコレクション",  # the page chooser's "Parent"
    "子ページ",
    "未公開の変更あり",  # Wagtail calls that state 公開中（下書きあり）
    "承認の申請",  # Wagtail says 承認を依頼
    "に承認を依頼",  # 「市のサイトの公開承認に承認を依頼」
    "한국어",
    "简体中文",
    "繁體中文",
]


def bad_phrases_in(text):
    return [phrase for phrase in BAD_PHRASES if phrase in text]

WORD_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ \u00a0]+[A-Za-z][A-Za-z'’]*)+")
WORD = re.compile(r"(?<![A-Za-z0-9_./@-])[A-Za-z]+(?![A-Za-z0-9_./@-])")
# URLs, e-mail addresses, host names, file names and code-like tokens are not UI text.
NOT_TEXT = re.compile(r"\S+://\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+\b|\{[^}]*\}|%\([^)]*\)s")

COLLECT_JS = """(ignore) => {
  const skip = (el) => ignore.some((sel) => el.closest(sel));
  const visible = (el) => {
    const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  const texts = [];
  for (const dialog of [document.body]) {
    const clone = dialog;
    texts.push(clone.innerText);
  }
  for (const sel of ignore) {
    for (const el of document.querySelectorAll(sel)) {
      texts.push('\\u0000IGNORE\\u0000' + el.innerText);
    }
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
    if (skip(el) || !visible(el)) continue;
    for (const attr of ['aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(attr);
      if (value) texts.push(value);
    }
  }
  return texts;
}"""


def _strip_allowed(text):
    text = NOT_TEXT.sub(" ", text)
    for name in sorted(ALLOWED, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", text)
    return text


def english_in(text):
    """English runs and known one-word labels found in `text`."""
    found = []
    cleaned = _strip_allowed(text)
    for line in cleaned.splitlines():
        for match in WORD_RUN.finditer(line):
            found.append(match.group(0).strip())
        for match in WORD.finditer(WORD_RUN.sub(" ", line)):
            if match.group(0).lower() in KNOWN_WORDS:
                found.append(match.group(0))
    return found


def visible_english(page, ignore=()):
    """English UI text on `page`; elements matching an `ignore` selector (user content) are left out."""
    texts = page.evaluate(COLLECT_JS, list(ignore))
    ignored = [t.split("\u0000IGNORE\u0000", 1)[1] for t in texts if t.startswith("\u0000IGNORE\u0000")]
    found = []
    for text in texts:
        if text.startswith("\u0000IGNORE\u0000"):
            continue
        for chunk in ignored:
            if chunk.strip():
                text = text.replace(chunk, " ")
        found.extend(english_in(text))
        found.extend(bad_phrases_in(text))
    return sorted(set(found))

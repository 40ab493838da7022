"""Custom axe-core rules for Wagtail's content checker (userbar and the editor's preview panel).

The same patterns as the server-side checks (cms.a11y.checks), run on the rendered page: editors
see 機種依存文字, 半角カナ, 「こちら」 links and file links without type and size while they write.
"""

from wagtail.admin.userbar import ContentCheckerItem

from cms.a11y import checks

# axe accepts an evaluate function as source text; Python's patterns are valid JavaScript here
# (literal characters, (?:…), (?<!…)), so both sides use one definition.
TEXT_EVALUATE = """function (node, options) {
  var pattern = new RegExp(options.pattern, options.flags || "u");
  for (var i = 0; i < node.childNodes.length; i++) {
    var child = node.childNodes[i];
    if (child.nodeType === 3 && pattern.test(child.nodeValue)) { return false; }
  }
  return true;
}"""
LINK_TEXT_EVALUATE = """function (node, options) {
  var text = (node.textContent || "").replace(/[\\s\\u3000。．.、，,！!>＞»›→]+/g, "");
  return !text || !new RegExp(options.pattern, "iu").test(text);
}"""
FILE_LINK_EVALUATE = """function (node, options) {
  var href = node.getAttribute("href") || "";
  if (!new RegExp(options.file, "iu").test(href.split(/[?#]/)[0])) { return true; }
  var text = node.textContent || "";
  var next = node.nextSibling;
  while (next && text.length < 200) { text += next.textContent || ""; next = next.nextSibling; }
  return new RegExp(options.kind, "iu").test(text) && new RegExp(options.size, "iu").test(text);
}"""
TABLE_EVALUATE = """function (node, options) {
  var caption = node.querySelector("caption");
  return !!(caption && caption.textContent.trim()) && !!node.querySelector("th");
}"""

TEXT_RULES = [
    ("sukagawa-izonmoji", "izonmoji", checks.IZONMOJI),
    ("sukagawa-hankaku-kana", "hankaku_kana", checks.HANKAKU_KANA),
    ("sukagawa-zenkaku-alnum", "zenkaku_alnum", checks.ZENKAKU_ALNUM),
    ("sukagawa-spaced-word", "spaced_word", checks.SPACED_WORD),
    ("sukagawa-ambiguous-date", "ambiguous_date", checks.AMBIGUOUS_DATE),
    ("sukagawa-colour-only", "colour_only", checks.COLOUR_ONLY),
]
ELEMENT_RULES = [
    ("sukagawa-vague-link", "vague_link_text", "main a[href]", LINK_TEXT_EVALUATE),
    ("sukagawa-file-link", "file_link_without_type_size", "main a[href]", FILE_LINK_EVALUATE),
    ("sukagawa-table", "table_without_headers", "main table", TABLE_EVALUATE),
]
TEXT_SELECTOR = "main *:not(script):not(style):not(code):not(pre):not(rt)"


def _impact(check_id):
    return "serious" if checks.CHECKS[check_id].is_error else "moderate"


def custom_rules():
    rules = [
        {
            "id": rule_id,
            "impact": _impact(check_id),
            "selector": TEXT_SELECTOR,
            "tags": ["best-practice", "sukagawa"],
            "any": [f"{rule_id}-check"],
            "enabled": True,
        }
        for rule_id, check_id, _pattern in TEXT_RULES
    ]
    rules += [
        {
            "id": rule_id,
            "impact": _impact(check_id),
            "selector": selector,
            "tags": ["best-practice", "sukagawa"],
            "any": [f"{rule_id}-check"],
            "enabled": True,
        }
        for rule_id, check_id, selector, _evaluate in ELEMENT_RULES
    ]
    return rules


def custom_checks():
    result = [
        {"id": f"{rule_id}-check", "evaluate": TEXT_EVALUATE, "options": {"pattern": pattern.pattern}}
        for rule_id, _check_id, pattern in TEXT_RULES
    ]
    options = {
        "sukagawa-vague-link": {"pattern": checks.VAGUE_LINK.pattern},
        "sukagawa-file-link": {
            "file": checks.FILE_URL.pattern,
            "kind": checks.FILE_TYPE_WORD.pattern,
            "size": checks.FILE_SIZE.pattern,
        },
        "sukagawa-table": {},
    }
    result += [
        {"id": f"{rule_id}-check", "evaluate": evaluate, "options": options[rule_id]}
        for rule_id, _check_id, _selector, evaluate in ELEMENT_RULES
    ]
    return result


def custom_messages():
    messages = {}
    for rule_id, check_id, *_rest in TEXT_RULES + ELEMENT_RULES:
        check = checks.CHECKS[check_id]
        label = check.label if rule_id != "sukagawa-table" else "見出しセルかキャプションのない表"
        messages[rule_id] = {"error_name": label, "help_text": check.help}
    return messages


class JapaneseContentCheckerItem(ContentCheckerItem):
    """Wagtail's checker plus the Japanese content rules."""

    def get_axe_run_only(self, request):
        base = list(super().get_axe_run_only(request) or [])
        return base + [rule["id"] for rule in custom_rules()]

    def get_axe_custom_rules(self, request):
        return list(super().get_axe_custom_rules(request)) + custom_rules()

    def get_axe_custom_checks(self, request):
        return list(super().get_axe_custom_checks(request)) + custom_checks()

    def get_axe_messages(self, request):
        return {**super().get_axe_messages(request), **custom_messages()}


def replace_checker(items):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, JapaneseContentCheckerItem):
            replacement = JapaneseContentCheckerItem(in_editor=getattr(item, "in_editor", False))
            items[index] = replacement

"""Visitor tools: 文字サイズ, 背景色 and ふりがな, remembered in cookies.

They work without JavaScript: the buttons submit a GET form to VISITOR_TOOLS_PATH, which sets the
cookie and redirects back. visitor-tools.js only applies size and colour without a reload.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

VISITOR_TOOLS_PATH = "/visitor-tools/"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365

# setting: (cookie name, allowed values, default)
SETTINGS = {
    "text": ("a11y_text", ("standard", "large"), "standard"),
    "colour": ("a11y_colour", ("white", "black", "blue"), "white"),
    "ruby": ("a11y_ruby", ("off", "on"), "off"),
}


def preferences(request):
    prefs = {}
    for name, (cookie, allowed, default) in SETTINGS.items():
        value = request.COOKIES.get(cookie, default) if request is not None else default
        prefs[name] = value if value in allowed else default
    # 白 chosen here overrides the system's dark setting; no choice follows it (see site.css).
    prefs["colour_chosen"] = request is not None and request.COOKIES.get("a11y_colour") in SETTINGS["colour"][1]
    return prefs


def body_classes(prefs):
    classes = []
    if prefs["text"] != "standard":
        classes.append(f"a11y-text-{prefs['text']}")
    if prefs["colour"] != "white" or prefs.get("colour_chosen"):
        classes.append(f"a11y-colour-{prefs['colour']}")
    if prefs["ruby"] == "on":
        classes.append("a11y-ruby")
    return " ".join(classes)


def safe_next(request):
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return "/"
    return target


def set_preferences(request):
    """Store the chosen setting(s) and go back to the page the visitor was reading."""
    response = HttpResponseRedirect(safe_next(request))
    for name, (cookie, allowed, _default) in SETTINGS.items():
        value = request.GET.get(name)
        if value in allowed:
            response.set_cookie(cookie, value, max_age=COOKIE_MAX_AGE, samesite="Lax", path="/")
    response["Cache-Control"] = "no-store"
    return response


def tools_url(name, value, next_path):
    return f"{VISITOR_TOOLS_PATH}?{urlencode({name: value, 'next': next_path})}"

from cms.a11y.visitor_tools import VISITOR_TOOLS_PATH, body_classes, preferences
from cms.security.links import bounded_full_path


def visitor_tools(request):
    """The visitor's 文字サイズ・背景色・ふりがな for the include and the <body> classes."""
    prefs = preferences(request)
    return {
        "a11y_prefs": prefs,
        "a11y_body_class": body_classes(prefs),
        "a11y_tools_path": VISITOR_TOOLS_PATH,
        "a11y_next": bounded_full_path(request) if request is not None else "/",
    }

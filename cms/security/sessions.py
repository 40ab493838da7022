"""Staff sessions: an idle timeout (default 30 minutes) and an absolute limit (default 10 hours).

Only signed-in users are affected (the public site has no accounts; the water application's draft
keeps its own one-hour expiry). django-session-security needs its JavaScript in every admin template
and has no absolute limit, so this small middleware does it on the server, for the Wagtail admin and
/django-admin/ alike.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

LAST_ACTIVITY = "_security_last_activity"
# Requests the admin's JavaScript makes by itself: the page editor pings every 10 seconds whether or
# not anyone is there, so they check the limits but are not activity (Security II #4).
BACKGROUND_URL_NAMES = {"wagtailadmin_editing_sessions:ping"}
SIGNED_IN_AT = "_security_signed_in_at"


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.setdefault(SIGNED_IN_AT, now)
            last = session.get(LAST_ACTIVITY, now)
            idle_limit = settings.STAFF_SESSION_IDLE_TIMEOUT
            absolute_limit = settings.STAFF_SESSION_MAX_AGE
            if now - last > idle_limit or now - signed_in > absolute_limit:
                reason = (
                    f"{idle_limit // 60}分間操作がなかったため"
                    if now - last > idle_limit
                    else f"ログインから{absolute_limit // 3600}時間たったため"
                )
                logout(request)
                messages.warning(
                    request, f"{reason}、安全のためログアウトしました。もう一度ログインしてください。"
                )
                login_url = (
                    reverse("admin:login")
                    if request.path.startswith("/django-admin/")
                    else reverse("wagtailadmin_login")
                )
                return redirect(f"{login_url}?next={request.path}")
            if not _is_background(request):
                session[LAST_ACTIVITY] = now
        return self.get_response(request)


def _is_background(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in BACKGROUND_URL_NAMES

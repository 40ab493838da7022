from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    """django-axes' response once a user name or an address has too many failed logins (429)."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60) if cooloff else 0
    response = render(request, "security/lockout.html", {"cooloff_minutes": minutes}, status=429)
    response["Cache-Control"] = "no-store"
    return response

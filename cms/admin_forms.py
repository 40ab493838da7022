"""Admin forms the project replaces: Wagtail's own, with what they leave untranslated."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class JapaneseLoginForm(LoginForm):
    """Wagtail 8.0's login form gives the password field no label, so Django shows "Password"."""

    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )

"""Staff accounts with the name as Japanese staff write it: 姓 then 名, each with its reading.

Wagtail shows a person through get_full_name() (lists, history, workflow, comments, the status panel)
and greets them by get_short_name() in notification e-mails: both give 「広報 花子」, never the Western
「花子 広報」 or the given name alone.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models


def japanese_name(family_name, given_name):
    return " ".join(part for part in (family_name.strip(), given_name.strip()) if part)


class User(AbstractUser):
    # Django's own columns, relabelled: last_name is the family name (姓), first_name the given name (名).
    last_name = models.CharField("姓", max_length=150, blank=True)
    first_name = models.CharField("名", max_length=150, blank=True)
    last_name_kana = models.CharField(
        "姓（よみ）", max_length=150, blank=True, help_text="ひらがなで入力してください（例：こうほう）。"
    )
    first_name_kana = models.CharField(
        "名（よみ）", max_length=150, blank=True, help_text="ひらがなで入力してください（例：はなこ）。"
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = "ユーザー"
        verbose_name_plural = "ユーザー"
        # 五十音順 by reading, then by the written name for accounts without one.
        ordering = ["last_name_kana", "first_name_kana", "last_name", "first_name", "username"]

    def get_full_name(self):
        """「広報 花子」: family name first, as on every Japanese staff list."""
        return japanese_name(self.last_name, self.first_name)

    def get_short_name(self):
        # Wagtail greets with the short name (「%(username)s さん」): the whole name is the polite form.
        return self.get_full_name()

    def get_full_name_kana(self):
        return japanese_name(self.last_name_kana, self.first_name_kana)

    @property
    def display_name(self):
        return self.get_full_name() or self.get_username()

    def salutation(self, honorific="様"):
        """「広報 花子 様」 for letters and e-mails (「さん」 between colleagues)."""
        return f"{self.display_name} {honorific}"

    def __str__(self):
        return self.display_name

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "管理者ユーザーがいなければ作成します。パスワードは DJANGO_SUPERUSER_PASSWORD、未設定なら生成して一度だけ表示します。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin"))
        parser.add_argument("--email", default=os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@example.com"))

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"管理者ユーザー「{username}」は作成済みです。")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"管理者ユーザー「{username}」を作成しました。"))
        if generated:
            # Shown once only: it is not stored anywhere in clear text.
            self.stdout.write(f"パスワード: {password}  （この表示は一度だけです。控えてください。）")

#!/usr/bin/env python
import os
import sys

# The one environment file of a server (docs/deployment.md); SUKAGAWA_CMS_ENV_FILE names another.
PRODUCTION_ENV_FILE = os.environ.get("SUKAGAWA_CMS_ENV_FILE", "/etc/sukagawa-cms/env")
# Settings that must never touch a server's data: DEBUG on, a fixed secret key, a SQLite file.
DEVELOPMENT_SETTINGS = {"cms.settings.dev", "cms.settings.test"}


def refuse_development_settings_on_a_server():
    """On a server a forgotten DJANGO_SETTINGS_MODULE would run the command against the development
    settings (a SQLite file in the checkout, DEBUG on): refuse instead of purging or publishing there."""
    module = os.environ["DJANGO_SETTINGS_MODULE"]
    command = []
    arguments = iter(sys.argv[1:])
    for argument in arguments:
        if argument.startswith("--settings="):
            module = argument.split("=", 1)[1]
        elif argument == "--settings":
            module = next(arguments, module)
        else:
            command.append(argument)
    if module in DEVELOPMENT_SETTINGS and os.path.exists(PRODUCTION_ENV_FILE):
        sys.stderr.write(
            f"本番環境の設定ファイル {PRODUCTION_ENV_FILE} があるため、開発用の設定（{module}）では実行しません。\n"
            "本番の設定で実行するには、同じ環境ファイルを読み込む deploy/manage-production を使ってください：\n"
            f"  cd {os.path.dirname(os.path.abspath(__file__))} && "
            f"runuser -u sukagawa-cms -- deploy/manage-production {' '.join(command) or 'コマンド'}\n"
            "（定期実行の処理は systemd のタイマーが同じ環境ファイルで実行します。docs/deployment.md を参照）\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    refuse_development_settings_on_a_server()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

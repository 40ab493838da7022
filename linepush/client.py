"""The Messaging API through the official line-bot-sdk (v3): the channel access token and base URL
come from the environment, so tests point it at a local server and production at LINE's own."""

import os

LINE_API_DEFAULT = "https://api.line.me"
NOT_CONFIGURED_MESSAGE = (
    "市公式LINEとの連携が設定されていないため、LINEには配信されません。"
    "サーバーの環境変数 LINE_CHANNEL_ACCESS_TOKEN にチャネルアクセストークンを設定してください。"
)


def access_token():
    return os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", "").strip()


def is_configured():
    return bool(access_token())


def base_url():
    return (os.environ.get("LINE_API_BASE_URL", "").strip() or LINE_API_DEFAULT).rstrip("/")


def request_timeout():
    return float(os.environ.get("LINE_API_TIMEOUT", "10"))


def _configuration(module):
    configuration = module.Configuration(host=base_url(), access_token=access_token())
    # Retries are ours (same X-Line-Retry-Key, back-off): urllib3 must not resend a POST by itself.
    configuration.retries = 0
    return configuration


def messaging_api():
    """(ApiClient, MessagingApi); close the client after use."""
    from linebot.v3 import messaging

    client = messaging.ApiClient(_configuration(messaging))
    return client, messaging.MessagingApi(client)


def insight_api():
    from linebot.v3 import insight

    client = insight.ApiClient(_configuration(insight))
    return client, insight.Insight(client)

"""Settings shared by every environment. Values that differ per deployment come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from cms.admin_locale import ADMIN_LOCALE_PATHS

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- hosts ---
CITY_HOSTNAME = os.environ.get("CITY_HOSTNAME", "localhost")
WATER_HOSTNAME = os.environ.get("WATER_HOSTNAME", "water.localhost")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [CITY_HOSTNAME, WATER_HOSTNAME, "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- apps and request handling ---
# The core (cms) first, then the feature apps that depend on it, then Wagtail and Django.
INSTALLED_APPS = [
    "cms",
    "cms.accounts",
    "home",
    "faq",
    "water",
    "tourism",
    "search",
    "indicators",
    "linepush",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app with the city's user forms (姓・名 and readings, cms/accounts).
    "cms.accounts.apps.CityUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_ratelimit",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "cms.security",
    "bcp",
    "cms.pagecache",
    # Accessibility (part of the core): editor checks on save, the a11y_audit report, visitor tools
    # (文字サイズ・背景色・ふりがな). Last, so that its Wagtail hooks run after every app's.
    "cms.a11y",
]

MIDDLEWARE = [
    # First: marks cacheable responses for the front server (cms.pagecache).
    "cms.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Content-Security-Policy: the public policy, or the admin's own (cms.security).
    "cms.security.middleware.SiteAndAdminCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: idle timeout and absolute limit (cms.security).
    "cms.security.sessions.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After LocaleMiddleware: /en/… and the other language prefixes are a 404 on the water host.
    "water.middleware.JapaneseOnlyWaterSiteMiddleware",
    "cms.a11y.middleware.VisitorToolsMiddleware",
    # The page chooser opens at the editor's own site, without Root and other sites (cms/admin_chooser.py).
    "cms.admin_chooser.PageChooserStartMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_context",
                "cms.a11y.context_processors.visitor_tools",
                "indicators.context_processors.page_view_beacon",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# --- database and auth ---
# SQLite file in the project unless DATABASE_URL names another database (PostgreSQL at scale).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- languages and time ---
# Japanese first: public pages and the admin default to Japanese.
# Staff accounts with 姓・名 in Japanese order (cms/accounts/models.py).
AUTH_USER_MODEL = "accounts.User"

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
# Dates and times in each language's own conventions (cms/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["cms.formats"]

# Each language by its own name: what the public language switcher shows (cms.i18n.language_name).
LANGUAGES = [
    ("ja", "日本語"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("ko", "한국어"),
]
# The same languages as staff read them in the admin (「日本語 > 英語」, 「英語版を公開」): Japanese
# names, translated for the English admin (cms/locale/en). Wagtail and wagtail-localize show these.
WAGTAIL_CONTENT_LANGUAGES = [
    ("ja", _("日本語")),
    ("en", _("英語")),
    ("zh-hans", _("中国語（簡体字）")),
    ("zh-hant", _("中国語（繁体字）")),
    ("ko", _("韓国語")),
]
# The admin is offered in Japanese (default) and English only.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# The project's own strings, then complete Japanese for Wagtail and wagtail-localize (cms/admin_locale.py).
LOCALE_PATHS = [PROJECT_DIR / "locale", *ADMIN_LOCALE_PATHS]

# --- static files and media ---
# Every folder the application writes or serves from is settable, so that a server keeps them
# outside the checkout (docs/deployment.md: /srv/sukagawa-cms/static, media, var …); the defaults
# under BASE_DIR are for development.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files the application keeps for itself (exports of deleted pages, …).
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

# --- wagtail ---
# Shown on the dashboard and typed to confirm deleting a Site root: plain Japanese, no "CMS".
WAGTAIL_SITE_NAME = "須賀川市 ホームページ管理"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://{CITY_HOSTNAME}:8000")
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
    "xls",
    "doc",
]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- search ---
# Wagtail search through the search app's backends, which add Japanese analysis: the database
# backend (SQLite FTS5 / PostgreSQL) unless ELASTICSEARCH_URL names an Elasticsearch 8 server.
# SEARCH_ES_ANALYZER: "kuromoji" when the server has the analysis-kuromoji plugin, "cjk" otherwise.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_ES_ANALYZER = os.environ.get("SEARCH_ES_ANALYZER", "kuromoji")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": os.environ.get("ELASTICSEARCH_INDEX", "sukagawa_cms"),
            "TIMEOUT": 10,
            "ANALYZER": SEARCH_ES_ANALYZER,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# --- e-mail ---
# Console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@city.sukagawa.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- cache and logging ---
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sukagawa-cms",
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # WARNING by default: Wagtail's background tasks log every index update at INFO.
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Request bodies can hold personal data (water applications): never log them.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- site-wide texts ---
SITE_BRAND = _("須賀川市")

# --- water ---
# Days after an application is completed or cancelled until purge_water_applications removes its
# personal data (daily: deploy/systemd/sukagawa-cms-purge-water-applications.timer).
WATER_APPLICATION_RETENTION_DAYS = int(os.environ.get("WATER_APPLICATION_RETENTION_DAYS", "365"))
# Staff (経営課) addresses notified of each new application; the mail holds no personal data.
WATER_APPLICATION_NOTIFY_EMAILS = env_list("WATER_APPLICATION_NOTIFY_EMAILS")
# Per client (IP address) limit of application form submissions (django-ratelimit syntax).
WATER_APPLICATION_RATE_LIMIT = os.environ.get("WATER_APPLICATION_RATE_LIMIT", "10/h")
# --- tourism / i18n ---
# Machine translation in wagtail-localize's editor: DeepL when a key is configured, otherwise none
# (wagtail-localize then shows no machine-translation button). Never the dummy translator, which
# reverses the text: one click would fill every untranslated segment of a page with garbage.
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "tourism.machine_translation.SukagawaDeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "TIMEOUT": 30},
    }
    if DEEPL_API_KEY
    else None
)

# Page views: at most this many displays of one page by one visitor (address and browser) a day
# are counted, so that one visitor cannot move the plan's indicators or the popular lists.
PAGE_VIEWS_PER_VISITOR_PER_DAY = int(os.environ.get("PAGE_VIEWS_PER_VISITOR_PER_DAY", "10"))

# --- accessibility ---
# Groups whose members may publish a page despite accessibility errors (for others errors block).
A11Y_OVERRIDE_GROUPS = ["秘書広報課"]

# --- demo ---
# Apps whose `demo` module adds to `manage.py seed_demo`, in dependency order. home.demo_groups
# (re)applies the editor groups after tourism.demo, so that 観光交流課 gets the guide it creates;
# cms.a11y.demo runs last, so that the accessibility pages and the first test record cover all content.
DEMO_SEED_MODULES = [
    "cms.demo",
    "home.demo",
    "faq.demo",
    "water.demo",
    "tourism.demo",
    "home.demo_groups",
    "search.demo",
    "indicators.demo",
    "cms.a11y.demo",
]
# Page types of the two demo Sites' root pages (cms.demo creates the Sites before the apps fill them).
DEMO_SITE_ROOT_PAGES = {"city": "home.CityHomePage", "water": "water.WaterHomePage"}

# --- bcp (backups, restore, drills, emergency static copy) ---
# Fernet key (Fernet.generate_key()); keep it apart from the archives, e.g. in the password safe.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
BACKUP_DIR = os.environ.get("BACKUP_DIR", "")
BACKUP_KEEP_DAILY = int(os.environ.get("BACKUP_KEEP_DAILY", "14"))
BACKUP_KEEP_WEEKLY = int(os.environ.get("BACKUP_KEEP_WEEKLY", "8"))
# Folder of pg_dump/pg_restore when they are not /usr/lib/postgresql/<server major>/bin.
BACKUP_PG_BIN_DIR = os.environ.get("BACKUP_PG_BIN_DIR", "")
# Plain-HTML copy of the disaster pages, rewritten on publish; served by nginx if the app is down.
# Empty (development): no automatic copy. Production writes it to emergency_static/ by default.
EMERGENCY_STATIC_ROOT = os.environ.get("EMERGENCY_STATIC_ROOT", "")

# --- page cache and production stack (issue 14; deploy/, docs/deployment.md) ---
# Anonymous GET/HEAD of Wagtail pages are kept by the front server (Varnish) for PAGE_CACHE_SECONDS and
# banned from it as soon as what they show changes (cms.pagecache). The short lifetime bounds what no
# signal announces (a 緊急情報 reaching its end time); Varnish refreshes in the background meanwhile.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# Seconds after a ban until a second one, for a page rendered from the old data while the first went out.
PAGE_CACHE_REBAN_SECONDS = float(os.environ.get("PAGE_CACHE_REBAN_SECONDS", "2"))
# Query parameters that make a page a search result: never cached (and counted in search statistics).
PAGE_CACHE_UNCACHED_QUERY_PARAMETERS = ["q"]
# Models that are neither pages nor snippets but show on public pages: a change bans every Site.
PAGE_CACHE_SHOWN_MODELS = [
    "water.WaterQualitySamplingPoint",
    "water.WaterQualityItem",
    "water.WaterQualityResult",
    "cms.AccessibilityTestRun",
]
# Varnish addresses that accept PURGE/BAN, comma-separated (e.g. http://127.0.0.1:6081).
FRONTEND_CACHE_URLS = env_list("FRONTEND_CACHE_URLS")
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "cms.pagecache.backends.VarnishBackend", "LOCATION": url}
    for number, url in enumerate(FRONTEND_CACHE_URLS)
}
# Japanese pages have no /ja/ prefix: purge each URL as it is, not once per language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- admin (issue 13) ---
# Login form with a translated password label (cms/admin_forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.admin_forms.JapaneseLoginForm"

# --- indicators ---
# 計画の指標 (docs/indicators.md): page views as daily aggregates, 電話・窓口の開閉栓受付, the report.
# PAGE_VIEW_SOURCE: "beacon" (each page loads /pv/<id>.gif, counted in Django; works behind the page
# cache) or "log" (no image; the timer deploy/systemd/sukagawa-cms-count-page-views.timer runs `manage.py count_page_views`).
PAGE_VIEW_SOURCE = os.environ.get("PAGE_VIEW_SOURCE", "beacon")

# --- security (issue 15; see docs/security.md) ---
# cms.security: safe CSV export/import, response headers, staff sessions, protected Site roots.

# Client address for rate limits and login lockout: the number of proxies in front of gunicorn
# whose X-Forwarded-For entries are trusted, counted from the right (0: REMOTE_ADDR; production: 1,
# see cms/settings/production.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# django-ratelimit in INSTALLED_APPS so that its system check refuses an unshared cache (LocMem:
# each gunicorn worker would count separately); it counts in CACHES["default"] (Redis in production).
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "cms.security.client_ip.client_ip"
# The embedded default (`make run`, tests) is one process, where LocMem is shared: production.py
# re-enables the error. W001: Django's own RedisCache is atomic (INCR) but not on the check's list.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Login throttling (django-axes) on /admin/login/ and /django-admin/: after AXES_FAILURE_LIMIT
# failures the address is locked for AXES_COOLOFF_TIME, whatever user names it tried. Not the user
# name alone: five wrong passwords for 「admin」 from anywhere would lock 秘書広報課 out of publishing
# on a disaster day, a switch for anyone. Attempts are stored in the database, shared by all
# workers, and listed in /django-admin/axes/.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "cms.security.views.lockout"
AXES_VERBOSE = False

# Staff sessions: logged out after STAFF_SESSION_IDLE_MINUTES without a request, and at the latest
# STAFF_SESSION_MAX_HOURS after signing in; the cookie itself ends with the browser.
STAFF_SESSION_IDLE_TIMEOUT = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30")) * 60
STAFF_SESSION_MAX_AGE = int(os.environ.get("STAFF_SESSION_MAX_HOURS", "10")) * 3600
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_AGE
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Response headers. Content-Security-Policy (django-csp): public pages load only this site's own
# scripts, styles, images and fonts; the admin needs inline scripts and styles (its own policy).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    # Wagtail's preview panel and several admin widgets evaluate code at run time.
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "frame-src": ["'self'"],
}
# Permissions-Policy (django-permissions-policy): no page needs camera, microphone, location, payment…
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
        "browsing-topics",
    )
}
# Before a superuser deletes a Site root or section root, its pages are saved here (see
# cms/security/site_roots.py); the files are removed after DELETED_PAGES_RETENTION_DAYS.
DELETED_PAGES_DIR = Path(os.environ.get("DELETED_PAGES_DIR", VAR_DIR / "deleted-pages"))
DELETED_PAGES_RETENTION_DAYS = int(os.environ.get("DELETED_PAGES_RETENTION_DAYS", "90"))
# No Gravatar in the admin: the CSP allows no other origins, and staff e-mail hashes stay in-house.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Background tasks (django-tasks). "default" stays immediate (what Wagtail's search indexing had
# without this setting); "line" is the database queue for 市公式LINE deliveries, run in production by
# `manage.py db_worker --backend line --queue-name line` (a systemd service).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "line": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["line"]},
}
# 市公式LINE: first wait between attempts of a delivery (doubled each time, at most 60 s).
LINE_RETRY_BACKOFF_SECONDS = float(os.environ.get("LINE_RETRY_BACKOFF_SECONDS", "2"))

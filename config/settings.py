"""Settings for gonghui: one module, driven by environment variables (see README)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off gonghui refuses to start without a secret key: "
            "set the SECRET_KEY environment variable to 50 or more random characters "
            "(or DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.admin.GonghuiAdminConfig",  # django.contrib.admin under the federation's name
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "documents",  # proof documents (证明材料) attached to records of the domain apps
    "unions",
    "aid",
    "pairings",
    "economy",
    "activities",
    "reports",
    "benchmarks",  # the `bench` and `gen_data` commands only
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.NoStoreMiddleware",  # after WhiteNoise: static files stay cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",  # a password set by an admin: change it
    "django.contrib.messages.middleware.MessageMiddleware",
    "reports.setup.FirstRunSetupMiddleware",  # no federation yet: admins set it up first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL; an SQLite file under var/ only so that `make run`
# works on a bare laptop (`make run` creates var/: importing the settings writes nothing).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'gonghui.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A stalled database costs seconds, not the request: libpq gives up connecting after
    # DB_CONNECT_TIMEOUT, TCP keepalives notice a dead peer of an idle connection, the server
    # cancels a statement after DB_STATEMENT_TIMEOUT (gunicorn.conf.py sets it for the web
    # server; commands run without), and core.postgresql bounds the health check of a kept
    # connection and, with a statement timeout, every wait for an answer.
    CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
    STATEMENT_TIMEOUT = int(os.environ.get("DB_STATEMENT_TIMEOUT", "0"))
    DATABASES["default"].update(
        ENGINE="core.postgresql",
        HEALTH_CHECK_TIMEOUT=CONNECT_TIMEOUT,
        ROUND_TRIP_TIMEOUT=STATEMENT_TIMEOUT + CONNECT_TIMEOUT if STATEMENT_TIMEOUT else None,
        OPTIONS={
            "connect_timeout": CONNECT_TIMEOUT,
            "keepalives": 1,
            "keepalives_idle": int(os.environ.get("DB_KEEPALIVES_IDLE", "30")),
            "keepalives_interval": 10,
            "keepalives_count": 3,
            # JIT compilation pays off for analytical queries of seconds; ours take
            # milliseconds, and compiling the summary's aggregates cost more than running them
            # (docs/performance.md).
            "options": "-c jit=off" + (f" -c statement_timeout={STATEMENT_TIMEOUT * 1000}"
                                       if STATEMENT_TIMEOUT else ""),
            **DATABASES["default"].get("OPTIONS", {}),  # DATABASE_URL's ?key=value win
        },
    )
elif DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # `make run`: the web server and the background worker share the file. A transaction takes
    # the write lock when it begins and waits for it (instead of failing at once when it later
    # needs it), and WAL lets pages read while an import writes.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30,
                                       "init_command": "PRAGMA journal_mode=WAL;"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve PostgreSQL's index-only scans; SQLite ignores their extra
# columns and says so on every command (economy's `return_period_end`).
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# The summary's figures and the lists' totals are cached per data version (core.freshness),
# exact whatever the backend. In a table of the database (created by core's migrations), so
# every gunicorn worker, and a restarted one, shares what another computed.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gonghui_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login rate limiting: must come first
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username *from one client address* after 5 failures for 30 minutes (a success resets
# the count): a stranger who guesses wrong locks only themselves out, never the real user at
# their own desk. Admins unlock with `axes_reset_username` & co. (docs/operations.md).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # untranslated; the user pages show and lift a lock
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Proof documents (证明材料): private. A folder outside STATIC_ROOT that no URL serves; the
    # files reach a browser only through documents.views, which checks the role every time.
    "documents": {
        "BACKEND": "documents.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": os.environ.get("DOCUMENTS_ROOT") or BASE_DIR / "var" / "documents",
                    "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    },
}
if os.environ.get("DOCUMENTS_S3_BUCKET"):
    # An S3-compatible object store instead (`pip install gonghui[s3]`, docs/deployment.md):
    # private objects, no public URLs handed out; credentials from the usual AWS_* variables.
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DOCUMENTS_S3_BUCKET"],
            "endpoint_url": os.environ.get("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DOCUMENTS_S3_REGION") or None,
            "location": os.environ.get("DOCUMENTS_S3_PREFIX", "documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# The largest proof document accepted (bytes), refused while the upload is still arriving.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# The most pixels of an uploaded image that is decoded (a 40-megapixel phone photo at most).
DOCUMENT_MAX_PIXELS = 40_000_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploaded import files are read in memory; allow a 100,000-row workbook.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Bounds checked before a file is parsed (core/import_files.py): rows, blank ones included; the
# characters of one cell; an .xlsx's size once unpacked (the zip's members, as declared).
IMPORT_MAX_ROWS = 100_000
IMPORT_MAX_CELL_CHARS = 1_000
IMPORT_MAX_UNPACKED_BYTES = 150 * 1024 * 1024
# Larger files are checked, and larger imports confirmed, by the background worker
# (`manage.py db_worker`) while the page shows the progress; smaller ones within the request.
IMPORT_BACKGROUND_BYTES = 1024 * 1024  # of the .csv, or of the .xlsx unpacked
IMPORT_BACKGROUND_ROWS = 2_000

# Background tasks (large imports) wait in the project's own database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Security. The defaults are the production ones; DEBUG relaxes what only matters over HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content Security Policy: everything from our own origin, nothing inline, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # a proof document's preview: 'self' (documents.views)
    },
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind a TLS-terminating proxy (nginx, at FORWARDED_ALLOW_IPS) that sets X-Forwarded-Proto and
# X-Forwarded-For itself: believe them from that proxy only (gunicorn.conf.py reads the same two
# variables). Off, the headers are ignored and the socket's peer is the client.
TRUST_X_FORWARDED_PROTO = env_bool("TRUST_X_FORWARDED_PROTO", False)
TRUSTED_PROXIES = (env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
                   if TRUST_X_FORWARDED_PROTO else [])
if TRUST_X_FORWARDED_PROTO:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Every handler masks anything shaped like an ID number (core.redaction), a safety net: the
# code itself never logs one.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_id_numbers": {"()": "core.redaction.MaskIdNumbers"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                            "filters": ["mask_id_numbers"]}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # runserver's request lines (with query strings): Django's own handler has no filter.
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

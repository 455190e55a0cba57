"""Settings shared by every profile (embedded, production, test).

Values come from the environment through ``env``; each profile only states what differs.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import email_settings, env_bool, env_int, env_list, env_path, env_str

SRC_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = SRC_DIR.parent.parent

# Where coopdec keeps its embedded database, uploaded files and outgoing e-mail files.
DATA_DIR = env_path("COOPDEC_DATA_DIR", PROJECT_DIR / "var")
MEDIA_ROOT = env_path("COOPDEC_MEDIA_DIR", DATA_DIR / "media")
STATIC_ROOT = env_path("COOPDEC_STATIC_DIR", DATA_DIR / "static")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# The federation's own country: its communes are "the communes" of this installation.
COOPDEC_HOME_COUNTRY = (env_str("COOPDEC_HOME_COUNTRY", "TG") or "TG").upper()
# Uploaded documents above this size are refused.
COOPDEC_UPLOAD_MAX_BYTES = env_int("COOPDEC_UPLOAD_MAX_MB", 20) * 1024 * 1024
# Spreadsheet imports: file size, rows, and what a zipped spreadsheet may unpack to.
COOPDEC_IMPORT_MAX_BYTES = env_int("COOPDEC_IMPORT_MAX_MB", 10) * 1024 * 1024
COOPDEC_IMPORT_MAX_ROWS = env_int("COOPDEC_IMPORT_MAX_ROWS", 20000)
COOPDEC_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("COOPDEC_IMPORT_MAX_UNPACKED_MB", 100) * 1024 * 1024
# Files with more data rows than this are checked and imported by the background worker.
COOPDEC_IMPORT_BACKGROUND_ROWS = env_int("COOPDEC_IMPORT_BACKGROUND_ROWS", 1000)
# A background import whose worker gave no sign of life for this long is taken up again.
COOPDEC_IMPORT_LEASE_SECONDS = env_int("COOPDEC_IMPORT_LEASE_SECONDS", 60)
# The federation's IATI organisation identifier (registered with the IATI registry) and
# organisation type code (15: other public sector). Set the real identifier before publishing.
COOPDEC_IATI_ORGANISATION = env_str("COOPDEC_IATI_ORGANISATION", "XI-COOPDEC-FCT")
COOPDEC_IATI_ORGANISATION_TYPE = env_str("COOPDEC_IATI_ORGANISATION_TYPE", "15")
COOPDEC_FEDERATION_NAME = env_str("COOPDEC_FEDERATION_NAME", "Faîtière des Communes du Togo")

INSTALLED_APPS = [
    "coopdec.core",
    "coopdec.accounts",
    "coopdec.territories",
    "coopdec.taxonomy",
    "coopdec.directory",
    "coopdec.review",
    "coopdec.partnerships",
    "coopdec.projects",
    "coopdec.documents",
    "coopdec.inventory",
    "coopdec.imports",
    "coopdec.opportunities",
    "coopdec.programmes",
    "coopdec.volunteers",
    "coopdec.practices",
    "coopdec.comments",
    "coopdec.library",
    "coopdec.news",
    "coopdec.newsletter",
    "coopdec.meetings",
    "coopdec.reports",
    "coopdec.notifications",
    "coopdec.public",
    "coopdec.demo",
    "coopdec.bench",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

# Background work (long imports) goes through Django's Tasks API, queued in the database:
# run ``coopdec db_worker`` beside the web server (several workers may run at once).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "coopdec.core.middleware.SecureHeadersMiddleware",
    # Pages travel compressed (phones on paid mobile data); static files are compressed
    # once by collectstatic and served by WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coopdec.core.middleware.QueryStringGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coopdec.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The public read-only API (``/api/``): JSON only, anonymous, rate-limited per client.
COOPDEC_API_RATE = env_str("COOPDEC_API_RATE", "600/hour")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"api": COOPDEC_API_RATE},
    # Clients are told apart by address: the proxy's X-Forwarded-For only when one is
    # declared (as for the sign-in throttle), never a header a client could make up.
    "NUM_PROXIES": env_int("AXES_PROXY_COUNT", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "coopdec API",
    "DESCRIPTION": "Public records of the decentralised cooperation atlas: communes, partner "
    "local governments, partnerships and projects. Read-only; no personal data.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    # The schema lists filter choices read from the database: not at start-up.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

ROOT_URLCONF = "coopdec.urls"
WSGI_APPLICATION = "coopdec.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coopdec.core.context_processors.site",
                "coopdec.notifications.context_processors.inbox",
            ],
        },
    },
]

# One cache every process shares: the rendered figures, the API's rate limit, the open data
# files' state. Production names Redis (CACHE_URL=redis://host:6379/0); the embedded default
# keeps the cache in files beside the database, which every process on the machine shares.
_cache_url = env_str("CACHE_URL") or ""
CACHES: dict[str, dict[str, object]]
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "coopdec") or "coopdec",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(env_path("COOPDEC_CACHE_DIR", DATA_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Figures (dashboards, the atlas's maps) that took less than this to compute are computed
# again at once after a change; longer ones are refreshed by the worker while readers get the
# previous ones, marked as being updated (``core.snapshots``).
COOPDEC_SNAPSHOT_INLINE_MS = env_int("COOPDEC_SNAPSHOT_INLINE_MS", 300)
# Above this many communes, the atlas's maps and their lists group them by prefecture (by
# region when prefectures too are more): what a phone draws and a slow line loads.
COOPDEC_MAP_MAX_MARKERS = env_int("COOPDEC_MAP_MAX_MARKERS", 400)

_default_db = f"sqlite:///{DATA_DIR / 'coopdec.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db) or _default_db)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer (a worker, an import) holds the lock;
    # IMMEDIATE transactions avoid "database is locked" upgrades mid-transaction.
    # A writer waits up to 20 s for another to finish rather than failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "coopdec.accounts.passwords.PlaceWordsValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:home"

# Login throttling: five failures lock the user name, and separately the address.
# Two-factor codes name the site in authenticator apps.
OTP_TOTP_ISSUER = "coopdec"
# A user name is paused after AXES_FAILURE_LIMIT wrong passwords from anywhere; an address
# only after COOPDEC_ADDRESS_FAILURE_LIMIT failures across names (accounts/lockout.py).
AXES_HANDLER = "coopdec.accounts.lockout.UserThenAddressHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
COOPDEC_ADDRESS_FAILURE_LIMIT = env_int("COOPDEC_ADDRESS_FAILURE_LIMIT", 50)
# How long an invitation link works.
COOPDEC_INVITATION_DAYS = env_int("COOPDEC_INVITATION_DAYS", 7)
# Password-reset e-mails an hour, per address asked for and per connection.
COOPDEC_RESETS_PER_EMAIL = env_int("COOPDEC_RESETS_PER_EMAIL", 3)
COOPDEC_RESETS_PER_ADDRESS = env_int("COOPDEC_RESETS_PER_ADDRESS", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)

AUDITLOG_DISABLE_REMOTE_ADDR = True  # who and when is enough; addresses are personal data

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
FORMAT_MODULE_PATH = ["coopdec.core.formats"]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Africa/Lome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

_email_url = env_str("EMAIL_URL", f"file://{DATA_DIR / 'mail'}") or ""
globals().update(email_settings(_email_url))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "coopdec <noreply@coopdec.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
# The address the e-mails' links start with (the site as people reach it).
COOPDEC_SITE_URL = env_str("COOPDEC_SITE_URL", "http://127.0.0.1:8000") or ""
# A worker sending an e-mail holds it this long; past it, another worker may send it again
# (keep it well above EMAIL_TIMEOUT).
COOPDEC_MAIL_LEASE_SECONDS = env_int("COOPDEC_MAIL_LEASE_SECONDS", 300)
# At most this many sender tasks are queued at once for a batch of e-mails.
COOPDEC_MAIL_SENDERS = env_int("COOPDEC_MAIL_SENDERS", 4)

# Requests: a query string longer than this is refused with a clear 400 page.
COOPDEC_MAX_QUERY_STRING = env_int("COOPDEC_MAX_QUERY_STRING", 2048)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# No page runs inline script or style, and nothing comes from another host: the browser is
# told so (django-csp), and refuses anything else.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO") or "INFO"},
    "loggers": {"axes": {"level": "WARNING"}},
}

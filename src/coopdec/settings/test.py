"""Tests: the embedded profile, on SQLite unless DATABASE_URL names PostgreSQL."""

from .embedded import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
# Serve static files straight from the apps (no collectstatic before tests).
STATIC_ROOT = None  # type: ignore[assignment]  # base sets a folder; tests need none
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

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
# Each test process keeps its own cache in memory (the shared cache is tested across
# processes in core/tests/test_shared_cache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Figures are rebuilt at once after a change, as on a small installation whose figures take
# less than the time target to compute; tests of the worker's refresh lower it to 0.
COOPDEC_SNAPSHOT_INLINE_MS = 60_000

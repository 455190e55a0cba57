"""Production settings pass Django's deployment check; bad configuration fails loudly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from coopdec.settings.env import email_settings, env_bool


def _run(
    settings_module: str, extra_env: dict[str, str], *args: str
) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "CACHE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **extra_env})
    return subprocess.run(
        [sys.executable, "-m", "coopdec", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "s3cr3t-production-key-with-enough-entropy-0123456789",
    "DATABASE_URL": "postgres://coopdec@127.0.0.1:5432/coopdec",
    "ALLOWED_HOSTS": "coopdec.example.org",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_check_deploy_with_no_issue():
    result = _run(
        "coopdec.settings.production", PRODUCTION_ENV, "check", "--deploy", "--fail-level", "DEBUG"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CACHE_URL"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = _run("coopdec.settings.production", env, "check")
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_sqlite():
    result = _run(
        "coopdec.settings.production", {**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///x.db"}, "check"
    )
    assert result.returncode != 0 and "PostgreSQL" in result.stderr


def test_boolean_settings_are_strict(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG", False)


def test_email_by_url():
    smtp = email_settings("smtp://user:p%40ss@mail.example.org:587?tls=1")
    assert (
        smtp["EMAIL_HOST"],
        smtp["EMAIL_PORT"],
        smtp["EMAIL_HOST_PASSWORD"],
        smtp["EMAIL_USE_TLS"],
    ) == ("mail.example.org", 587, "p@ss", True)
    assert email_settings("file:///tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"
    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://x")

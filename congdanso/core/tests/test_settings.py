"""Production settings refuse to start unsafely; the environment readers reject bad values."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from congdanso.settings.environment import env_bool, env_int, env_list

STRONG_KEY = "k3y-" + "aZ9x" * 16


def _import_production(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import congdanso.settings.production"],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_default_secret_key():
    result = _import_production({})
    assert result.returncode == 1
    assert "SECRET_KEY chưa được đặt hoặc quá yếu" in result.stderr


def test_production_refuses_debug():
    result = _import_production({"SECRET_KEY": STRONG_KEY, "DEBUG": "true"})
    assert result.returncode == 1
    assert "DEBUG phải tắt" in result.stderr


def test_production_starts_with_real_key_and_sends_real_email():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "EMAIL_BACKEND"}}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import congdanso.settings.production as s; print(s.MAILERS['default']['BACKEND'])",
        ],
        env={**clean, "SECRET_KEY": STRONG_KEY, "EMAIL_HOST": "smtp.example.vn"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_environment_readers(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)

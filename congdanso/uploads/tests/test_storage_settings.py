"""The storage switch in settings: files must go through Django's storage API, wherever it points."""

import importlib.util
from pathlib import Path

import pytest

import congdanso.settings


def load_base_settings(monkeypatch, **environment) -> dict:
    """Run a fresh copy of ``settings/base.py`` under ``environment``; the live settings are untouched."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "congdanso.settings.base_under_test", Path(congdanso.settings.__file__).with_name("base.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


def test_s3_backend_is_configured_from_the_environment(monkeypatch):
    values = load_base_settings(
        monkeypatch,
        STORAGE_BACKEND="s3",
        S3_BUCKET="congdanso-tep",
        S3_ENDPOINT_URL="https://s3.langson.example",
        S3_ACCESS_KEY="khoa",
        S3_SECRET_KEY="bi-mat",
        S3_REGION="",
    )

    default = values["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "congdanso-tep",
        "endpoint_url": "https://s3.langson.example",
        "access_key": "khoa",
        "secret_key": "bi-mat",
        "region_name": None,
        "default_acl": None,
        "querystring_auth": True,
    }


@pytest.mark.parametrize("backend", ["", "local"])
def test_local_filesystem_is_the_default(monkeypatch, backend):
    monkeypatch.delenv("STORAGE_BACKEND", raising=False)
    values = load_base_settings(monkeypatch, **({"STORAGE_BACKEND": backend} if backend else {}))

    assert values["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert values["UPLOAD_MAX_BYTES"] == 10 * 1024 * 1024
    assert values["UPLOAD_ALLOWED_TYPES"] == ["image/jpeg", "image/png", "image/webp", "application/pdf"]
    assert values["UPLOAD_MAX_IMAGE_PIXELS"] == 40_000_000


def test_pillow_guard_follows_the_setting():
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS == 40_000_000

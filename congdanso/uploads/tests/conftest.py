"""Every upload test writes into its own temporary MEDIA_ROOT."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_paths(media_root):
    """The files currently in storage, as sorted POSIX paths relative to MEDIA_ROOT."""

    def collect() -> list[str]:
        if not media_root.exists():
            return []
        return sorted(
            path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file()
        )

    return collect

import pytest

from congdanso.portal import services_registry


@pytest.fixture
def isolated_registry():
    """An empty tile registry for one test; the real one is restored afterwards."""
    saved = dict(services_registry._registry)
    services_registry._registry.clear()
    yield services_registry
    services_registry._registry.clear()
    services_registry._registry.update(saved)

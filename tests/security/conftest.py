import pytest
from django.core.cache import cache

from tests.home.conftest import city_home  # noqa: F401  (the city Site for tests here)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and login failures are counted in the cache: every test starts from zero.
    cache.clear()
    yield
    cache.clear()

from tests.home.conftest import city_get, city_home  # noqa: F401

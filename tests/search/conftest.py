"""Fixtures for the Elasticsearch/OpenSearch search tests.

`osmem_backend`: Wagtail's OpenSearch backend with our Japanese analysis (search.backends.opensearch)
pointed at a fresh clone of one osmem-server started for the session. Tests using it are marked
`osmem` and are skipped (not failed) only when the osmem binary cannot start on this platform.
"""

import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "osmem: integration test against osmem-server (OpenSearch API, kuromoji)"
    )
    config.addinivalue_line(
        "markers", "elasticsearch: runs against a real Elasticsearch 8 at ELASTICSEARCH_URL"
    )


@pytest.fixture(scope="session")
def osmem_base():
    try:
        from osmem_server import OsmemError, OsmemServer
    except ImportError:  # pragma: no cover - osmem-server is in the test extra
        pytest.skip("osmem-server is not installed")
    try:
        server = OsmemServer.start(japanese=True)
    except OsmemError as error:  # pragma: no cover - platform without a bundled binary
        pytest.skip(f"osmem-server cannot start here: {error}")
    yield server
    server.close()


def search_settings(url, analyzer="kuromoji", backend="search.backends.opensearch"):
    return {
        "default": {
            "BACKEND": backend,
            "URLS": [url],
            "INDEX": "test_cms",
            "ANALYZER": analyzer,
            "TIMEOUT": 10,
        }
    }


@pytest.fixture
def osmem_backend(osmem_base, settings):
    clone = osmem_base.clone()
    settings.WAGTAILSEARCH_BACKENDS = search_settings(clone.url)
    from wagtail.search.backends import get_search_backend

    yield get_search_backend()
    clone.close()

"""The shipped nginx, Varnish, gunicorn and systemd files name the same paths and ports as the
production settings and as each other: what one file writes, the next one reads."""

import re
import runpy

from .conftest import (
    DEPLOY,
    ENV_EXAMPLE,
    ENV_FILE,
    SYSTEMD,
    filled_example_env,
    nginx_directives,
    read_env_file,
    read_unit,
    unit_values,
)

APP_SERVER = (DEPLOY / "nginx" / "app-server.conf").read_text(encoding="utf-8")
FRONT = (DEPLOY / "nginx" / "sukagawa-cms.conf").read_text(encoding="utf-8")
VCL = (DEPLOY / "varnish" / "default.vcl").read_text(encoding="utf-8")
VARNISH_DROP_IN = read_unit(SYSTEMD / "varnish.service.d-sukagawa-cms.conf")
GUNICORN_SERVICE = read_unit(SYSTEMD / "sukagawa-cms.service")


def location_alias(prefix):
    block = re.search(rf"location {re.escape(prefix)} \{{(.*?)\n    \}}", APP_SERVER, flags=re.DOTALL)
    assert block, f"app-server.conf に location {prefix} がありません"
    (alias,) = nginx_directives(block.group(1), "alias")
    return alias.rstrip("/")


def gunicorn_config(monkeypatch):
    for name, value in filled_example_env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def varnishd_options():
    (*_, exec_start) = unit_values(VARNISH_DROP_IN, "Service", "ExecStart")
    words = exec_start.split()
    return {words[i]: words[i + 1] for i in range(len(words) - 1) if words[i].startswith("-")}


def test_nginx_serves_static_files_from_static_root(production_settings):
    assert location_alias("/static/") == production_settings["STATIC_ROOT"]


def test_nginx_serves_uploads_from_media_root(production_settings):
    assert location_alias("/media/") == production_settings["MEDIA_ROOT"]


def test_nginx_serves_the_emergency_copy_from_emergency_static_root(production_settings):
    roots = [value.split()[0].rstrip("/") for value in nginx_directives(APP_SERVER, "(?:root|alias)")]
    assert any(root.startswith(production_settings["EMERGENCY_STATIC_ROOT"]) for root in roots)


def test_nginx_proxies_to_the_socket_gunicorn_binds(monkeypatch):
    bind = gunicorn_config(monkeypatch)["bind"]
    (upstream,) = re.findall(r"upstream sukagawa_cms_gunicorn \{\s*server (\S+)", APP_SERVER)
    assert upstream == bind
    # The socket's folder is the one systemd creates for the service.
    (runtime,) = unit_values(GUNICORN_SERVICE, "Service", "RuntimeDirectory")
    assert bind.startswith(f"unix:/run/{runtime}/")


def test_varnish_fetches_from_the_app_nginx():
    (listen,) = nginx_directives(APP_SERVER, "listen")
    host = re.search(r'backend default \{[^}]*\.host = "([^"]+)"', VCL).group(1)
    port = re.search(r'backend default \{[^}]*\.port = "([^"]+)"', VCL).group(1)
    assert listen.split()[0] == f"{host}:{port}"


def test_the_front_nginx_proxies_to_the_address_varnish_listens_on():
    (upstream,) = re.findall(r"upstream sukagawa_cms_varnish \{\s*server (\S+?);", FRONT)
    assert varnishd_options()["-a"].split(",")[0] == upstream


def test_django_bans_on_the_varnish_the_chain_runs():
    assert read_env_file(ENV_EXAMPLE)["FRONTEND_CACHE_URLS"] == f"http://{varnishd_options()['-a'].split(',')[0]}"


def test_the_front_serves_the_host_names_django_allows():
    names = set()
    for value in nginx_directives(FRONT, "server_name"):
        names.update(value.split())
    assert set(read_env_file(ENV_EXAMPLE)["ALLOWED_HOSTS"].split(",")) == names


def test_the_varnish_service_loads_the_vcl_where_the_deployment_guide_puts_it():
    vcl = varnishd_options()["-f"]
    assert f"deploy/varnish/default.vcl {vcl}" in (DEPLOY.parent / "docs" / "deployment.md").read_text()


def test_the_front_includes_the_app_server_conf_where_the_deployment_guide_puts_it():
    (include,) = nginx_directives(FRONT, "include")
    assert f"deploy/nginx/app-server.conf {include}" in (DEPLOY.parent / "docs" / "deployment.md").read_text()


def test_every_folder_lives_in_the_one_layout(production_settings):
    for name, value in production_settings.items():
        assert value.startswith("/srv/sukagawa-cms/"), (name, value)
    assert all(
        value == ENV_FILE for path in SYSTEMD.glob("sukagawa-cms*.service")
        for value in unit_values(read_unit(path), "Service", "EnvironmentFile")
    )

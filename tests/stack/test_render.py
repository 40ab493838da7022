"""The confs `make serve` runs are deploy/'s files rendered for this machine, and nginx and Varnish
accept them (no chain started: these run in the ordinary test run)."""

import shutil
import subprocess

import pytest

from cms.pagecache import stack


@pytest.fixture
def rendered(tmp_path):
    app = stack.render_app_server(8101, 8102, tmp_path / "static", tmp_path / "media", tmp_path / "emergency")
    front = stack.render_front(8100, 8103, app, tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(stack.render_nginx_main(tmp_path, front))
    return conf


def test_front_is_the_deployed_file_on_plain_http(rendered, tmp_path):
    text = "\n".join(line for line in rendered.read_text().splitlines() if not line.lstrip().startswith("#"))
    assert "listen 127.0.0.1:8100;" in text and "server 127.0.0.1:8103;" in text
    assert "ssl" not in text and "443" not in text and "return 301" not in text
    # What the deployment does stays: PURGE/BAN refused, the visitor's X-Forwarded-For replaced.
    assert "return 405;" in text and "proxy_set_header X-Forwarded-For $remote_addr;" in text
    assert f"alias {tmp_path / 'emergency'}/$host/$1;" in text


def test_nginx_accepts_the_rendered_conf(rendered, tmp_path):
    if not shutil.which("nginx"):
        pytest.fail("nginx が見つかりません: `make test` は Debian の nginx を入れます。")
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(rendered)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_varnish_compiles_the_rendered_vcl(tmp_path):
    if not shutil.which("varnishd"):
        pytest.fail("varnishd が見つかりません: `make test` は Debian の varnish を入れます。")
    vcl = tmp_path / "default.vcl"
    vcl.write_text(stack.render_vcl(8101))
    result = subprocess.run(
        ["varnishd", "-C", "-j", "none", "-f", str(vcl), "-n", str(tmp_path / "varnish")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]

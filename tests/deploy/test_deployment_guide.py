"""docs/deployment.md, step by step: every command of its server installation is either run by a
test (test_production_commands.py, with the production environment against PostgreSQL) or checked
here against the shipped files and the production settings."""

import re
import shlex
import subprocess

import pytest

from .conftest import (
    APP_DIR,
    DEPLOY,
    ENV_EXAMPLE,
    ENV_FILE,
    ROOT,
    SYSTEMD,
    USER,
    guide_commands,
    nginx_directives,
    read_env_file,
    read_unit,
    timers,
    unit_values,
)

# Commands test_production_commands.py runs (as the user running the tests, paths in a scratch folder).
RUN_BY_PRODUCTION_TESTS = [
    r"python3 -m venv \.venv",
    r"\.venv/bin/pip install --quiet uv==0\.13\.9",
    r"\.venv/bin/uv pip sync --python \.venv/bin/python requirements\.lock",
    r"sed -i \"s\|\^(DJANGO_SECRET_KEY|BACKUP_ENCRYPTION_KEY)=.*",
    r"deploy/manage-production compilemessages --ignore \.venv -v0",
    r"runuser -u sukagawa-cms -- deploy/manage-production (migrate --noinput|collectstatic --noinput|"
    r"check --deploy --fail-level WARNING|createsuperuser)",
]

# What a new server needs from Debian: the chain, PostgreSQL and its client (backup), venv, gettext.
NEEDED_PACKAGES = {"nginx", "varnish", "redis-server", "postgresql", "postgresql-client", "python3-venv", "gettext", "git"}

# Owner and mode of each folder of the layout (docs/deployment.md's table).
FOLDERS = {
    "/srv/sukagawa-cms": ("root", "0755"),
    "/srv/sukagawa-cms/static": (USER, "0755"),
    "/srv/sukagawa-cms/media": (USER, "0755"),
    "/srv/sukagawa-cms/emergency_static": (USER, "0755"),
    "/srv/sukagawa-cms/var": (USER, "0750"),
    "/srv/sukagawa-cms/backups": (USER, "0700"),
}


def options(words):
    """{'-o': 'root', …} and the remaining arguments of an install(1) command line."""
    found, rest, iterator = {}, [], iter(words)
    for word in iterator:
        if word in ("-o", "-g", "-m"):
            found[word] = next(iterator)
        elif word.startswith("-"):
            found[word] = True
        else:
            rest.append(word)
    return found, rest


def check_install(words, production_settings):
    found, paths = options(words[1:])
    if "-d" in found:
        for path in paths:
            if path == "/etc/sukagawa-cms":
                assert ENV_FILE.startswith(path + "/")
                continue
            assert (found["-o"], found["-m"]) == FOLDERS[path], path
            assert found["-g"] == found["-o"]
    else:
        source, destination = paths
        assert (ROOT / source).is_file(), source
        if source == "deploy/env.example":
            assert destination == ENV_FILE and (found["-o"], found["-g"], found["-m"]) == ("root", USER, "0640")
        elif source.startswith("deploy/nginx/"):
            assert f"include {destination};" in (DEPLOY / "nginx" / "sukagawa-cms.conf").read_text()
        else:
            assert source == "deploy/systemd/varnish.service.d-sukagawa-cms.conf"
            assert destination == "/etc/systemd/system/varnish.service.d/sukagawa-cms.conf"


def check_cp(words, production_settings):
    *sources, destination = words[1:]
    for source in sources:
        matches = list(ROOT.glob(source))
        assert matches, source
    if destination == "/etc/systemd/system/":
        copied = {path.name for source in sources for path in ROOT.glob(source)}
        assert copied == {path.name for path in SYSTEMD.glob("sukagawa-cms*")}
    elif sources == ["deploy/varnish/default.vcl"]:
        (*_, exec_start) = unit_values(read_unit(SYSTEMD / "varnish.service.d-sukagawa-cms.conf"), "Service", "ExecStart")
        assert f"-f {destination} " in exec_start
    else:
        assert sources == ["deploy/nginx/sukagawa-cms.conf"]
        assert destination.startswith("/etc/nginx/sites-available/")


def check_systemctl(words, production_settings):
    action, *units = words[1:]
    if action in ("daemon-reload",):
        return
    if action == "enable":
        assert units[0] == "--now"
        for unit in units[1:]:
            assert (SYSTEMD / unit).is_file(), unit
        return
    assert action in ("restart", "reload") and units[0] in ("varnish", "nginx", "sukagawa-cms.service")


def check_apt(words, production_settings):
    if words[1] == "update":
        return
    assert words[1:3] == ["install", "-y"]
    packages = set(words[3:])
    assert packages == NEEDED_PACKAGES
    shown = subprocess.run(["apt-cache", "show", *sorted(packages)], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr  # every name is a Debian package


def check_adduser(words, production_settings):
    assert words[-1] == USER and "--system" in words and "--group" in words
    assert words[words.index("--home") + 1] == "/srv/sukagawa-cms"


def check_git(words, production_settings):
    if words[1] == "clone":
        assert words[-1] == APP_DIR
    else:
        assert words[1:] == ["pull", "--ff-only"]


def check_cd(words, production_settings):
    assert words[1] == APP_DIR


def check_postgres(words, production_settings):
    database = read_env_file(ENV_EXAMPLE)["DATABASE_URL"]
    assert database.startswith("postgres:///")  # local socket, peer authentication as the unit's user
    if words[4] == "createuser":
        assert words[5:] == ["--createdb", USER]
    else:
        assert words[4:] == ["createdb", "-O", USER, database.rsplit("/", 1)[1]]


def check_nginx_site(words, production_settings):
    if words[0] == "ln":
        assert words[2].startswith("/etc/nginx/sites-available/") and words[3].startswith("/etc/nginx/sites-enabled/")
    elif words[0] == "rm":
        assert words[1:] == ["-f", "/etc/nginx/sites-enabled/default"]
    else:
        assert words == ["nginx", "-t"]


def check_curl(words, production_settings):
    host = re.match(r"https://([^/]+)/", words[-1]).group(1)
    assert host in read_env_file(ENV_EXAMPLE)["ALLOWED_HOSTS"].split(",")
    server_names = " ".join(nginx_directives((DEPLOY / "nginx" / "sukagawa-cms.conf").read_text(), "server_name"))
    assert host in server_names.split()


CHECKS = {
    "install": check_install,
    "cp": check_cp,
    "systemctl": check_systemctl,
    "apt-get": check_apt,
    "adduser": check_adduser,
    "git": check_git,
    "cd": check_cd,
    "ln": check_nginx_site,
    "rm": check_nginx_site,
    "nginx": check_nginx_site,
    "curl": check_curl,
}


@pytest.mark.parametrize("command", guide_commands())
def test_every_command_of_the_guide_is_run_or_checked(command, production_settings):
    if any(re.fullmatch(pattern, command) or re.match(pattern, command) for pattern in RUN_BY_PRODUCTION_TESTS):
        return  # run with the production environment by test_production_commands.py
    words = shlex.split(command)
    if words[:4] == ["runuser", "-u", "postgres", "--"]:
        check_postgres(words, production_settings)
        return
    assert words[0] in CHECKS, f"docs/deployment.md のコマンドを確かめるテストがありません：{command}"
    CHECKS[words[0]](words, production_settings)


def test_the_guide_enables_every_timer_but_the_optional_one():
    enabled = set()
    for command in guide_commands():
        if command.startswith("systemctl enable --now"):
            enabled.update(command.split()[3:])
    # Optional: page views from the access log (PAGE_VIEW_SOURCE=log), LINE's figures (once a token is set).
    optional = {"sukagawa-cms-count-page-views.timer", "sukagawa-cms-line-followers.timer"}
    services = {"sukagawa-cms.service", "sukagawa-cms-line-worker.service"}
    assert enabled == services | {path.name for path in timers()} - optional


def test_the_guide_names_every_variable_of_the_env_example():
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for name in read_env_file(ENV_EXAMPLE):
        assert f"`{name}`" in text, name


def test_no_crontab_is_left_in_the_documentation():
    """The timers are the one schedule: no second copy as cron lines."""
    cron_line = re.compile(r"^\s*(@daily|@hourly|[\d*/,-]+\s+[\d*/,-]+\s+[\d*/,-]+\s+[\d*/,-]+\s+[\d*/,-]+)\s+\S")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not cron_line.match(line), f"{path.name}:{number}: {line}"
            assert "/srv/cms" not in line and "/etc/cms/" not in line, f"{path.name}:{number}: {line}"

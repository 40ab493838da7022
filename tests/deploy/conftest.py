"""Helpers for the tests of the production layout (deploy/, docs/deployment.md).

The shipped files are read as a server would read them: the units as systemd parses them, the env
example as systemd's EnvironmentFile= (and sh) reads it, the settings by importing
cms.settings.production in a fresh process with that environment.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
SYSTEMD = DEPLOY / "systemd"
ENV_EXAMPLE = DEPLOY / "env.example"
DEPLOYMENT_MD = ROOT / "docs" / "deployment.md"

# The one layout (LAYOUT.md, docs/deployment.md).
ENV_FILE = "/etc/sukagawa-cms/env"
APP_DIR = "/srv/sukagawa-cms/app"
USER = "sukagawa-cms"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "production_postgres: runs management commands with the production environment against "
        "PostgreSQL and Redis (needs DATABASE_URL=postgres://…; the PostgreSQL pass of .ci/run)",
    )


def read_env_file(path):
    """KEY=value lines as systemd's EnvironmentFile= reads them (comments and blank lines skipped)."""
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip()
    return values


def read_unit(path):
    """{section: [(key, value), …]} of a systemd unit, continuation lines joined."""
    sections, section, pending = {}, None, ""
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            sections.setdefault(section, [])
            continue
        key, _, value = line.partition("=")
        sections[section].append((key.strip(), value.strip()))
    return sections


def unit_values(unit, section, key):
    return [value for name, value in unit.get(section, []) if name == key]


def services():
    return sorted(SYSTEMD.glob("*.service"))


def timers():
    return sorted(SYSTEMD.glob("*.timer"))


def job_command(service_path):
    """The manage.py arguments of a job unit's ExecStart, e.g. ['backup']."""
    (exec_start,) = unit_values(read_unit(service_path), "Service", "ExecStart")
    words = exec_start.split()
    assert words[:2] == [f"{APP_DIR}/.venv/bin/python", "manage.py"], exec_start
    return words[2:]


def filled_example_env(**overrides):
    """The env example with its two secrets generated as docs/deployment.md does, then overrides."""
    values = read_env_file(ENV_EXAMPLE)
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    values["BACKUP_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    values.update(overrides)
    return values


def process_env(values):
    """A clean process environment: PATH and HOME only, then the given values (nothing leaks in)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(values)
    return env


def manage(args, values, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=process_env(values),
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 600),
        **kwargs,
    )


SETTINGS_DUMP = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({name: str(getattr(settings, name)) for name in %r}))
"""

PATH_SETTINGS = ("STATIC_ROOT", "MEDIA_ROOT", "EMERGENCY_STATIC_ROOT", "VAR_DIR", "DELETED_PAGES_DIR", "BACKUP_DIR")


@pytest.fixture(scope="session")
def production_settings():
    """The path settings cms.settings.production gives with the env example, read in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_DUMP % (PATH_SETTINGS,)],
        cwd=ROOT,
        env=process_env(filled_example_env()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def nginx_directives(text, name):
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, flags=re.MULTILINE)


def guide_commands():
    """Every command line of the `sh` blocks of docs/deployment.md's server installation, in order."""
    text = DEPLOYMENT_MD.read_text(encoding="utf-8")
    section = text[text.index("## Installing on a Debian 12 server") :]
    section = section[: section.index("\n## ", 1)] if "\n## " in section[1:] else section
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", section, flags=re.DOTALL | re.MULTILINE):
        commands += [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]
    return commands

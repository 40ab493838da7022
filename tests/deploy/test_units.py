"""The systemd units of deploy/systemd/: one user, one app directory, one env file, real commands."""

import re
import shlex
import subprocess

import pytest
from django.core.management import get_commands, load_command_class

from .conftest import (
    APP_DIR,
    ENV_EXAMPLE,
    ENV_FILE,
    SYSTEMD,
    USER,
    job_command,
    read_env_file,
    read_unit,
    services,
    timers,
    unit_values,
)

# Every job the code has that must run on a schedule (README › Operations, docs/bcp.md, docs/security.md).
SCHEDULED_COMMANDS = {
    "publish_scheduled",
    "purge_water_applications",
    "purge_faq_feedback_comments",
    "clearsessions",
    "axes_reset_logs",
    "backup",
    "bcp_drill",
    "count_page_views",
    "line_followers",
}


@pytest.mark.parametrize("path", services(), ids=lambda path: path.name)
def test_every_service_runs_as_the_one_user_in_the_app_directory_with_the_env_file(path):
    unit = read_unit(path)
    assert unit_values(unit, "Service", "EnvironmentFile") == [ENV_FILE]
    assert unit_values(unit, "Service", "User") == [USER]
    assert unit_values(unit, "Service", "Group") == [USER]
    assert unit_values(unit, "Service", "WorkingDirectory") == [APP_DIR]


@pytest.mark.parametrize("path", timers(), ids=lambda path: path.name)
def test_every_timer_starts_a_job_service_that_names_a_real_command(path):
    service = path.with_suffix(".service")
    assert service.exists(), f"{path.name} は {service.name} を起動しますが、そのファイルがありません"
    name, *arguments = job_command(service)
    assert name in get_commands(), f"{service.name}: manage.py {name} というコマンドはありません"
    parser = load_command_class(get_commands()[name], name).create_parser("manage.py", name)
    parser.parse_args(arguments)  # exits (fails the test) on an unknown option
    assert unit_values(read_unit(service), "Service", "Type") == ["oneshot"]


@pytest.mark.parametrize("path", timers(), ids=lambda path: path.name)
def test_every_timer_calendar_is_one_systemd_accepts(path):
    (calendar,) = unit_values(read_unit(path), "Timer", "OnCalendar")
    result = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert unit_values(read_unit(path), "Install", "WantedBy") == ["timers.target"]


def test_every_scheduled_command_has_a_timer():
    scheduled = {job_command(path.with_suffix(".service"))[0] for path in timers()}
    assert scheduled == SCHEDULED_COMMANDS


@pytest.mark.parametrize("path", timers(), ids=lambda path: path.name)
def test_a_timer_at_a_time_of_day_runs_at_that_time_in_japan(path):
    """The times in docs/deployment.md are JST, whatever time zone the server was installed with."""
    (calendar,) = unit_values(read_unit(path), "Timer", "OnCalendar")
    if re.search(r"\d{2}:\d{2}:\d{2}", calendar):
        assert calendar.endswith(" Asia/Tokyo"), calendar


def test_the_line_worker_runs_the_queue_that_publishing_fills():
    (exec_start,) = unit_values(read_unit(SYSTEMD / "sukagawa-cms-line-worker.service"), "Service", "ExecStart")
    words = shlex.split(exec_start)
    assert words[1:3] == ["manage.py", "db_worker"]
    parser = load_command_class(get_commands()["db_worker"], "db_worker").create_parser("manage.py", "db_worker")
    options = parser.parse_args(words[3:])
    from linepush.tasks import send_line_delivery

    assert (options.backend_name, options.queue_name) == (send_line_delivery.backend, send_line_delivery.queue_name)


def test_the_drill_is_quarterly_and_publishing_every_minute():
    def next_runs(name, count):
        (calendar,) = unit_values(read_unit(SYSTEMD / f"sukagawa-cms-{name}.timer"), "Timer", "OnCalendar")
        output = subprocess.run(
            ["systemd-analyze", "calendar", f"--iterations={count}", "--base-time=2026-12-07 00:00:00 UTC",
             calendar],
            capture_output=True, text=True, check=True, env={"TZ": "Asia/Tokyo", "PATH": "/usr/bin:/bin"},
        ).stdout
        return re.findall(r"Next elapse: \w+ (\S+ \S+)|Iter\. #\d+: \w+ (\S+ \S+)", output)

    drills = [first or later for first, later in next_runs("bcp-drill", 4)]
    assert [day[:10] for day in drills] == ["2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01"]
    minutes = [first or later for first, later in next_runs("publish-scheduled", 3)]
    assert [minute[11:16] for minute in minutes] == ["09:01", "09:02", "09:03"]


def test_gunicorn_may_write_where_the_application_writes(production_settings):
    (paths,) = unit_values(read_unit(SYSTEMD / "sukagawa-cms.service"), "Service", "ReadWritePaths")
    writable = set(paths.split())
    assert unit_values(read_unit(SYSTEMD / "sukagawa-cms.service"), "Service", "ProtectSystem") == ["strict"]
    for name in ("MEDIA_ROOT", "EMERGENCY_STATIC_ROOT", "VAR_DIR"):
        assert production_settings[name] in writable, name
    assert production_settings["DELETED_PAGES_DIR"].startswith(production_settings["VAR_DIR"] + "/")


def test_the_backup_job_may_write_the_backup_folder(production_settings):
    (paths,) = unit_values(read_unit(SYSTEMD / "sukagawa-cms-backup.service"), "Service", "ReadWritePaths")
    assert production_settings["BACKUP_DIR"] in paths.split()


def test_the_env_example_reads_the_same_in_systemd_and_sh():
    """Units read it with EnvironmentFile=, people with `set -a; . FILE`: no quotes, spaces or $."""
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\s'\"$`\\;&|<>()]*", line), f"行 {number}: {line}"
    shell = subprocess.run(
        ["sh", "-c", f"set -a; . {shlex.quote(str(ENV_EXAMPLE))}; set +a; env -0"],
        capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"},
    ).stdout
    from_sh = dict(item.split("=", 1) for item in shell.split("\0") if "=" in item)
    for key, value in read_env_file(ENV_EXAMPLE).items():
        assert from_sh[key] == value, key


def test_the_env_example_names_production_settings():
    assert read_env_file(ENV_EXAMPLE)["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"


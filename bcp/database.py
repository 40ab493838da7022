"""One consistent snapshot of the database, and putting one back: SQLite and PostgreSQL.

SQLite: the online backup API (sqlite3.Connection.backup) copies the live database page by page
while the site keeps running. PostgreSQL: `pg_dump` in custom format, run inside an exported
snapshot so that the counts in the manifest describe exactly what was dumped. pg_dump must be of the
server's major version (Debian installs it as /usr/lib/postgresql/<major>/bin/pg_dump).

Search index tables are left empty in the snapshot: `restore` rebuilds the index.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from . import registry


class DatabaseError(Exception):
    """A database step failed; the message is Japanese and holds no password."""


def vendor(using="default"):
    return connections[using].vendor


def applied_migrations(using="default"):
    return sorted([app, name] for app, name in MigrationRecorder(connections[using]).applied_migrations())


def has_tables(using="default"):
    return bool(connections[using].introspection.table_names())


def has_content(using="default"):
    """True when the database holds more than a fresh `migrate` creates (Wagtail's root and welcome page)."""
    if not has_tables(using):
        return False
    tables = set(connections[using].introspection.table_names())
    if "django_migrations" not in tables or "wagtailcore_page" not in tables:
        return True  # something else lives here: never treat it as empty
    numbers = registry.counts(using)
    return numbers.get("pages", 0) > 2 or any(
        numbers.get(key, 0) for key in ("users", "images", "documents", "water_applications")
    )


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite_snapshot(using, target):
    """Counts, migration state and the copy are read in one transaction, so they agree."""
    connection = connections[using]
    connection.ensure_connection()
    own_transaction = not connection.in_atomic_block
    if own_transaction:
        connection.connection.execute("BEGIN")
    try:
        numbers = registry.counts(using)
        migrations = applied_migrations(using)
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    finally:
        if own_transaction:
            connection.connection.execute("COMMIT")
    destination = sqlite3.connect(target)
    try:
        tables = {row[0] for row in destination.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in registry.search_index_tables():
            if table in tables:
                destination.execute(f'DELETE FROM "{table}"')
        destination.commit()
        destination.execute("VACUUM")
    finally:
        destination.close()
    return numbers, migrations


class Switch:
    """The restored database is live; `undo()` puts the previous one back, `finish()` forgets it."""

    def __init__(self, undo, finish):
        self._undo = undo
        self._finish = finish

    def undo(self):
        self._undo()

    def finish(self):
        self._finish()


def _sqlite_check(path):
    check = sqlite3.connect(path)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"バックアップのデータベースを開けません：{exc}") from exc
    finally:
        check.close()
    if result != "ok":
        raise DatabaseError(f"バックアップのデータベースが壊れています：{result}")


def _sqlite_file(using):
    name = str(connections[using].settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name)


def _sqlite_load(using, source, work):
    """The checked copy replaces the live file in one rename; the previous file is kept until
    finish(). An in-memory database (tests) is replaced with the backup API, which writes the whole
    destination in one transaction."""
    _sqlite_check(source)
    connection = connections[using]
    live = _sqlite_file(using)
    if live is None:
        connection.ensure_connection()
        previous = Path(work) / "previous.sqlite3"
        keep = sqlite3.connect(previous)
        try:
            connection.connection.backup(keep)
        finally:
            keep.close()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()

        def undo():
            connection.ensure_connection()
            back = sqlite3.connect(previous)
            try:
                back.backup(connection.connection)
            finally:
                back.close()

        return Switch(undo, lambda: None)

    connection.ensure_connection()
    connection.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    staged = live.with_name(live.name + ".restoring")
    previous = live.with_name(live.name + ".before-restore")
    shutil.copyfile(source, staged)
    _sqlite_check(staged)
    if live.exists():
        previous.unlink(missing_ok=True)
        try:
            os.link(live, previous)
        except OSError:
            shutil.copyfile(live, previous)
    os.replace(staged, live)

    def undo():
        connections[using].close()
        if previous.exists():
            os.replace(previous, live)
        else:
            live.unlink(missing_ok=True)

    return Switch(undo, lambda: previous.unlink(missing_ok=True))


# --- PostgreSQL --------------------------------------------------------------------------------


def _server_major(using):
    with connections[using].cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def pg_tool(name, using="default"):
    """pg_dump / pg_restore of the server's major version (a newer pg_dump writes dumps an older
    server cannot read; an older one refuses newer servers)."""
    major = _server_major(using)
    candidates = []
    if getattr(settings, "BACKUP_PG_BIN_DIR", ""):
        candidates.append(Path(settings.BACKUP_PG_BIN_DIR) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if not candidate.exists():
            continue
        output = subprocess.run([str(candidate), "--version"], capture_output=True, text=True).stdout
        match = re.search(r"(\d+)(?:\.\d+)?", output)
        if match and int(match.group(1)) == major:
            return str(candidate)
    raise DatabaseError(
        f"PostgreSQL {major} 用の {name} が見つかりません。"
        f"postgresql-client-{major} をインストールするか、BACKUP_PG_BIN_DIR を設定してください。"
    )


def _pg_env(settings_dict):
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]  # never on the command line
    return env


def _pg_args(settings_dict):
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    return args


def _run(args, settings_dict, what):
    result = subprocess.run(args, env=_pg_env(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        if "No space left on device" in result.stderr:
            raise DatabaseError(
                f"ディスクの空きが足りないため、{what}が止まりました（No space left on device）。"
            )
        raise DatabaseError(f"{what}に失敗しました：{result.stderr.strip()[-2000:]}")
    return result


def _pg_snapshot(using, target):
    """pg_dump inside the snapshot whose counts go into the manifest."""
    connection = connections[using]
    settings_dict = connection.settings_dict
    if connection.in_atomic_block:
        raise DatabaseError("トランザクションの中ではバックアップを取れません。")
    connection.ensure_connection()
    # Django's connection is in autocommit mode: this explicit transaction holds the snapshot
    # open while pg_dump (another session) reads the same data through --snapshot.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            numbers = registry.counts(using)
            migrations = applied_migrations(using)
            args = [pg_tool("pg_dump", using), "--format=custom", "--no-owner", "--no-privileges"]
            args += [f"--snapshot={snapshot}", f"--file={target}", *_pg_args(settings_dict)]
            for table in registry.search_index_tables():
                args.append(f"--exclude-table-data={table}")
            args.append(settings_dict["NAME"])
            _run(args, settings_dict, "pg_dump")
        finally:
            cursor.execute("COMMIT")
    return numbers, migrations


def pg_rights_problem(using="default"):
    """Why this role cannot swap the public schema (None when it can): it must own the schema
    (ALTER SCHEMA … RENAME) and may create schemas in the database."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT pg_has_role(current_user, nspowner, 'USAGE'), "
            "has_database_privilege(current_database(), 'CREATE'), current_user "
            "FROM pg_namespace WHERE nspname = 'public'"
        )
        row = cursor.fetchone()
    if row is None:
        return None  # no public schema yet: CREATE on the database is enough
    owns, can_create, user = row
    if not owns or not can_create:
        return (
            f"データベースのロール {user} には、public スキーマの所有権とデータベースへの CREATE 権限が"
            "必要です（createdb -O でそのロールをデータベースの所有者にしてください）。"
        )
    return None


def _pg_load(using, source, work):
    """pg_restore's SQL runs in ONE transaction that first renames the live schema away: until
    COMMIT nothing changes for the site, and a failure anywhere (pg_restore, the SQL, a full disk on
    the server) rolls everything back. The previous schema is kept until finish()."""
    connection = connections[using]
    settings_dict = connection.settings_dict
    stamp = f"bcp_before_restore_{int(time.time())}"
    has_public = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")
        has_public = cursor.fetchone() is not None
    connection.close()
    restore_errors = Path(work) / "pg_restore.err"
    psql_errors = Path(work) / "psql.err"
    psql = subprocess.Popen(
        [
            pg_tool("psql", using),
            "--no-psqlrc",
            "--quiet",
            "-v",
            "ON_ERROR_STOP=1",
            *_pg_args(settings_dict),
            f"--dbname={settings_dict['NAME']}",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=open(psql_errors, "wb"),
        env=_pg_env(settings_dict),
    )
    restore_rc = None
    try:
        prologue = "BEGIN;\n"
        if has_public:
            prologue += f"ALTER SCHEMA public RENAME TO {stamp};\n"
        prologue += "CREATE SCHEMA public;\n"
        psql.stdin.write(prologue.encode())
        producer = subprocess.Popen(
            [pg_tool("pg_restore", using), "--no-owner", "--no-privileges", "--file=-", str(source)],
            stdout=subprocess.PIPE,
            stderr=open(restore_errors, "wb"),
            env=_pg_env(settings_dict),
        )
        try:
            for block in iter(lambda: producer.stdout.read(1024 * 1024), b""):
                psql.stdin.write(block)
        finally:
            restore_rc = producer.wait()
        # COMMIT only after pg_restore finished cleanly; anything else ends without it (rollback).
        psql.stdin.write(b"\n;\nCOMMIT;\n" if restore_rc == 0 else b"\n;\nROLLBACK;\n")
        psql.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped at an error: the transaction is rolled back
    psql_rc = psql.wait()
    if restore_rc != 0 or psql_rc != 0:
        detail = (
            restore_errors.read_text(errors="replace") if restore_rc not in (0, None) else ""
        ) or psql_errors.read_text(errors="replace")
        raise DatabaseError(f"pg_restore（データベースの読み込み）に失敗しました：{detail.strip()[-1500:]}")

    def undo():
        connections[using].close()
        with connections[using].cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("DROP SCHEMA public CASCADE")
            if has_public:
                cursor.execute(f"ALTER SCHEMA {stamp} RENAME TO public")
            else:
                cursor.execute("CREATE SCHEMA public")
            cursor.execute("COMMIT")

    def finish():
        if has_public:
            with connections[using].cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {stamp} CASCADE")

    return Switch(undo, finish)


# --- entry points ------------------------------------------------------------------------------


def snapshot(target_dir, using="default"):
    """Write the snapshot into target_dir; return (file name, counts, applied migrations)."""
    kind = vendor(using)
    if kind == "sqlite":
        target = Path(target_dir) / "db.sqlite3"
        numbers, migrations = _sqlite_snapshot(using, target)
        return target.name, numbers, migrations
    if kind == "postgresql":
        target = Path(target_dir) / "db.pgdump"
        numbers, migrations = _pg_snapshot(using, target)
        return target.name, numbers, migrations
    raise DatabaseError(f"このデータベース（{kind}）のバックアップには対応していません。")


def load(source, work, using="default"):
    """Make the archive's database the live one, all at once; returns a Switch to undo or finish.
    When it raises, the live database is as it was."""
    kind = vendor(using)
    source = Path(source)
    if kind == "sqlite" and source.name == "db.sqlite3":
        switch = _sqlite_load(using, source, work)
    elif kind == "postgresql" and source.name == "db.pgdump":
        switch = _pg_load(using, source, work)
    else:
        raise DatabaseError(
            f"このバックアップ（{source.name}）は {kind} のデータベースには戻せません"
            "（SQLite は SQLite に、PostgreSQL は PostgreSQL に戻してください）。"
        )
    connections[using].close()
    return switch

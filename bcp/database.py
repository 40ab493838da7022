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


def _sqlite_restore(using, source):
    connection = connections[using]
    connection.ensure_connection()
    origin = sqlite3.connect(source)
    try:
        # Replaces every page of the target database, whether a file or an in-memory test database.
        origin.backup(connection.connection)
    finally:
        origin.close()


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


def _pg_wipe(using):
    """An empty public schema: pg_restore then creates exactly what the dump holds."""
    with connections[using].cursor() as cursor:
        cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def _pg_restore(using, source):
    connection = connections[using]
    settings_dict = connection.settings_dict
    _pg_wipe(using)
    connection.close()
    args = [
        pg_tool("pg_restore", using),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    args += [*_pg_args(settings_dict), f"--dbname={settings_dict['NAME']}", str(source)]
    _run(args, settings_dict, "pg_restore")


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


def restore(source, using="default"):
    kind = vendor(using)
    source = Path(source)
    if kind == "sqlite" and source.name == "db.sqlite3":
        _sqlite_restore(using, source)
    elif kind == "postgresql" and source.name == "db.pgdump":
        _pg_restore(using, source)
    else:
        raise DatabaseError(
            f"このバックアップ（{source.name}）は {kind} のデータベースには戻せません"
            "（SQLite は SQLite に、PostgreSQL は PostgreSQL に戻してください）。"
        )
    connections[using].close()

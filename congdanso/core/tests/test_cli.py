"""The `congdanso` console command."""

import os
import sqlite3
import subprocess
import sys

from congdanso import cli


def test_help_lists_the_verbs(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for verb in ("serve", "worker", "migrate", "load-units", "seed-demo", "createofficial"):
        assert f"congdanso {verb}" in out


def test_named_verbs_map_to_management_commands_and_others_pass_through(monkeypatch):
    calls = []
    monkeypatch.setattr(cli, "_manage", lambda argv: calls.append(argv) or 0)
    cli.main(["load-units", "--quiet"])
    cli.main(["seed-demo"])
    cli.main(["worker"])
    cli.main(["createofficial", "--username", "a"])
    cli.main(["showmigrations", "places"])
    assert calls == [
        ["load_units", "--quiet"],
        ["seed_demo"],
        ["run_worker"],
        ["createofficial", "--username", "a"],
        ["showmigrations", "places"],
    ]


def test_serve_runs_gunicorn_on_the_given_address():
    command = cli._serve_command("0.0.0.0", 8080)
    assert command[1:4] == ["-m", "gunicorn", "congdanso.wsgi:application"]
    assert command[command.index("--bind") + 1] == "0.0.0.0:8080"


def test_migrate_creates_schema_and_cache_table(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}},
        "CONGDANSO_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "congdanso.cli", "migrate", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "congdanso.sqlite3") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        journal_mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert {"congdanso_cache", "places_administrativeunit", "accounts_user", "audit_auditevent"} <= tables
    assert journal_mode == "wal"

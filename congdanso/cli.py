"""The ``congdanso`` console command: a thin wrapper around manage.py with a few named verbs.

congdanso up                # migrate, load units, seed demo data, then web + worker (Ctrl-C stops both)
congdanso serve [--host H] [--port P]
congdanso worker
congdanso migrate           # migrate + the cache table
congdanso load-units
congdanso seed-demo
congdanso createofficial ...
congdanso <any manage.py command> ...
"""

import argparse
import os
import signal
import subprocess
import sys

VERB_TO_COMMAND = {
    "load-units": "load_units",
    "seed-demo": "seed_demo",
    "createofficial": "createofficial",
    "worker": "run_worker",
    "open311-key": "open311_key",
}


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdanso.settings.development")
    import django

    django.setup()


def _manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdanso.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["congdanso", *argv])
    return 0


def _migrate(extra: list[str]) -> int:
    _django_setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", *extra)
    call_command("createcachetable", verbosity=0)
    return 0


def _serve_command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "congdanso.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        os.environ.get("WEB_CONCURRENCY", "2"),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
    ]


def _serve(host: str, port: int) -> int:
    os.execv(sys.executable, _serve_command(host, port))
    return 0  # pragma: no cover


def _up(host: str, port: int) -> int:
    """Prepare a demo installation and run the web server and the worker until Ctrl-C."""
    _migrate([])
    from django.core.management import call_command

    from congdanso.places.selectors import units_loaded

    if not units_loaded():
        call_command("load_units")
    call_command("seed_demo")
    call_command("collectstatic", interactive=False, verbosity=0)
    processes = [
        subprocess.Popen(_serve_command(host, port)),
        subprocess.Popen([sys.executable, "-m", "congdanso.cli", "worker"]),
    ]
    print(f"\nCông dân số đang chạy tại http://{host}:{port}  (Ctrl-C để dừng)\n", flush=True)

    def stop(*_args):
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(process.poll() is None for process in processes):
            try:
                processes[0].wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


def _address_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="congdanso")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    verb, rest = argv[0], argv[1:]
    if verb == "serve":
        address = _address_arguments(rest)
        return _serve(address.host, address.port)
    if verb == "up":
        address = _address_arguments(rest)
        return _up(address.host, address.port)
    if verb == "migrate":
        return _migrate(rest)
    return _manage([VERB_TO_COMMAND.get(verb, verb), *rest])


if __name__ == "__main__":
    sys.exit(main())

"""Open311 ``GET requests.json`` (status + service_code + date filter) against a bare Django JSON view, both
served by the same gunicorn (same workers, same bench settings, DEBUG off) on 127.0.0.1 in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_bench_1m .venv/bin/python bench/bench_open311.py
    ... bench_open311.py --profile          # in-process only: Django test client, cProfile, SQL time
    ... bench_open311.py --days 7           # the date window of the query (default 30)

Load generator: ``wrk`` (Debian package; C, one thread, keep-alive attempted, gunicorn's sync workers close
each connection) so that the client does not compete with the server for the 2 cores as a Python client
would. Each run is bounded (``--seconds``). The database is only read; fill it with ``feedback_generate``.
"""

import argparse
import cProfile
import datetime as dt
import http.client
import io
import os
import pstats
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.open311_bench_settings"
os.environ["DEBUG"] = "false"
BARE = "/bench/bare.json"
BARE_SAME_SIZE = "/bench/bare-same-size.json"


def pick_query(days: int) -> tuple[str, int]:
    """The busiest category's open reports over the last ``days`` days (a realistic client poll)."""
    from django.db.models import Count

    from congdanso.feedback.models import Report, ReportStatus

    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    top = (
        Report.objects.filter(status__in=ReportStatus.open_values(), created_at__gte=start)
        .values("category__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    path = (
        f"/open311/v2/requests.json?status=open&service_code={top['category__code']}"
        f"&start_date={start:%Y-%m-%dT%H:%M:%SZ}"
    )
    return path, top["n"]


def profile(path: str, rounds: int) -> None:
    """Time the request in-process (no HTTP server), then cProfile it; SQL time from the connection log."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(5):
        client.get(path)
    for name, url in (("bare", BARE), ("open311", path)):
        started = time.perf_counter()
        for _ in range(rounds):
            client.get(url)
        per_request = (time.perf_counter() - started) / rounds * 1000
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(f"in-process {name}: {per_request:6.2f} ms/request, {len(queries)} queries, SQL {sql:.2f} ms")
        reset_queries()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    print(out.getvalue())


def serve(port: int, workers: int) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "congdanso.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--chdir", str(ROOT),
        "--log-level", "warning", "--backlog", "2048",
    ]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT), DB_CONN_MAX_AGE="600")
    process = subprocess.Popen(command, env=env, start_new_session=True)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", BARE)
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(port: int, path: str, *, clients: int, seconds: float) -> dict:
    """One bounded wrk run on loopback; throughput, p50/p90/p99, errors (socket errors + non-2xx)."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{seconds:.0f}s", "--timeout", "10s", "--latency",
         f"http://127.0.0.1:{port}{path}"],  # fmt: skip
        capture_output=True, text=True, timeout=seconds + 30, check=True,
    ).stdout  # fmt: skip
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    for percentile in ("50", "90", "99"):
        result[f"p{percentile}"] = _ms(re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["errors"] = (sum(int(n) for n in errors.groups()) if errors else 0) + (
        int(non2xx.group(1)) if non2xx else 0
    )
    result["socket_errors"] = errors.group(0) if errors else ""
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")))
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="in-process timing and cProfile only")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://… (this bench measures PostgreSQL).")
    import django

    django.setup()
    from congdanso.feedback.models import Report

    path, open_in_category = pick_query(args.days)
    print(f"reports: {Report.objects.count()}; query: {path} (matching: {open_in_category})")
    if args.profile:
        profile(path, args.rounds)
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk).")
    from django.test import Client

    size = len(Client(HTTP_HOST="127.0.0.1").get(path).content)
    os.environ["BENCH_BARE_BODY_BYTES"] = str(size)
    process = serve(args.port, args.workers)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", args.port)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        print(
            f"one response: HTTP {response.status}, {len(body)} bytes, "
            f"{body.count(b'service_request_id')} items"
        )
        wrk(args.port, path, clients=args.clients, seconds=2)  # warm up every worker
        wrk(args.port, BARE, clients=args.clients, seconds=2)
        bare = wrk(args.port, BARE, clients=args.clients, seconds=args.seconds)
        same_size = wrk(args.port, BARE_SAME_SIZE, clients=args.clients, seconds=args.seconds)
        open311 = wrk(args.port, path, clients=args.clients, seconds=args.seconds)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    rows = (
        ("bare Django JSON view", bare),
        ("bare view, same-size body", same_size),
        ("Open311 requests.json", open311),
    )
    for name, result in rows:
        print(
            f"{name:26s} {result['rps']:8.1f} req/s  p50 {result['p50']:7.1f} ms  p90 {result['p90']:7.1f} ms"
            f"  p99 {result['p99']:7.1f} ms  ({result['requests']} requests, {result['errors']} errors)"
        )
    print(
        f"Open311 / bare throughput: {open311['rps'] / bare['rps'] * 100:.0f}%; "
        f"Open311 / same-size bare: {open311['rps'] / same_size['rps'] * 100:.0f}%  ({args.clients} clients, "
        f"{args.workers} gunicorn sync workers, {args.seconds:.0f} s each, wrk -t1)"
    )


if __name__ == "__main__":
    main()

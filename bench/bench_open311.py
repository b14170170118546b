"""Open311 ``GET requests.json`` (status + service_code + date filter) against a bare Django JSON view, both
served by gunicorn on 127.0.0.1 in the same run; throughput and p50/p99 at 50 concurrent clients.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_bench_sweep .venv/bin/python bench/bench_open311.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_bench_o311 \
        .venv/bin/python bench/bench_open311.py --seed 50000

The database is only read, unless ``--seed N`` (N reports bulk-inserted into an empty database first).
"""

import argparse
import datetime as dt
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.open311_bench_settings"
os.environ.setdefault("DEBUG", "false")


def seed(count: int) -> None:
    """Bulk-insert ``count`` public reports over three years (bench data only, not via feedback_submit)."""
    from django.core.management import call_command

    from congdanso.feedback.models import Category, Report, ReportStatus

    call_command("migrate", verbosity=0)
    if Report.objects.exists():
        print(f"database already has {Report.objects.count()} reports: not seeding")
        return
    categories = list(Category.objects.all())
    statuses = list(ReportStatus.values)
    rng = random.Random(42)
    now = dt.datetime.now(dt.UTC)
    batch = []
    for n in range(count):
        batch.append(
            Report(
                code=f"PAKN.BENCH.{n:07d}",
                category=rng.choice(categories),
                title="Phản ánh thử",
                description="Nội dung phản ánh dùng để đo hiệu năng.",
                latitude=21.8 + rng.random() * 0.2,
                longitude=106.7 + rng.random() * 0.2,
                status=rng.choice(statuses),
            )
        )
        if len(batch) == 5000:
            Report.objects.bulk_create(batch)
            batch = []
    Report.objects.bulk_create(batch)
    # created_at is auto_now_add: spread it over three years afterwards.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE feedback_report SET created_at = %s - (random() * interval '1095 days'), updated_at = %s",
            [now, now],
        )
        cursor.execute("ANALYZE feedback_report")
    print(f"seeded {count} reports")


def pick_query() -> tuple[str, int]:
    """The busiest category's open reports over the last 30 days (a realistic client poll)."""
    from django.db.models import Count

    from congdanso.feedback.models import Report, ReportStatus

    top = (
        Report.objects.filter(status__in=ReportStatus.open_values())
        .values("category__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = f"/open311/v2/requests.json?status=open&service_code={top['category__code']}&start_date={start}"
    return path, top["n"]


def load(port: int, path: str, *, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        local, bad = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status != 200:
                    bad += 1
                    continue
            except OSError:
                bad += 1
                continue
            local.append(time.perf_counter() - started)
        with lock:
            latencies.extend(local)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "errors": errors[0],
        "rps": count / elapsed,
        "p50": latencies[count // 2] * 1000 if count else float("nan"),
        "p99": latencies[min(count - 1, int(count * 0.99))] * 1000 if count else float("nan"),
    }


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
            connection.request("GET", "/bench/bare.json")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")))
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://… (this bench measures PostgreSQL).")
    import django

    django.setup()
    if args.seed:
        seed(args.seed)
    from congdanso.feedback.models import Report

    path, open_in_category = pick_query()
    print(
        f"reports: {Report.objects.count()}; query: {path} "
        f"(open in that category, all time: {open_in_category})"
    )
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
        load(args.port, path, clients=args.clients, seconds=2)  # warm up
        bare = load(args.port, "/bench/bare.json", clients=args.clients, seconds=args.seconds)
        open311 = load(args.port, path, clients=args.clients, seconds=args.seconds)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    for name, result in (("bare Django JSON view", bare), ("Open311 requests.json", open311)):
        print(
            f"{name:24s} {result['rps']:8.1f} req/s  p50 {result['p50']:7.1f} ms  p99 {result['p99']:7.1f} ms"
            f"  ({result['requests']} requests, {result['errors']} errors)"
        )
    print(
        f"Open311 / bare throughput: {open311['rps'] / bare['rps'] * 100:.0f}%  ({args.clients} clients, "
        f"{args.workers} gunicorn workers, {args.seconds:.0f} s each)"
    )


if __name__ == "__main__":
    main()

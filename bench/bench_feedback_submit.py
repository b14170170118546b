"""Report submission through the API (``POST /api/v1/feedback/reports``, bearer tokens) under load, with a
share of requests retried with the same ``Idempotency-Key`` (some after the answer, some at the same time).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_bench_1m \
        .venv/bin/python bench/bench_feedback_submit.py [--seconds 20] [--clients 16] [--retry 0.2]

Needs the Lạng Sơn communes, their boundaries and the categories (``congdanso seed-demo``).
Creates ``--users`` bench citizens with API tokens (kept for reruns). Served by gunicorn (bench settings,
DEBUG off) on 127.0.0.1; the client is ``bench/httpload.py`` (asyncio). Checks: reports
before/after = distinct keys accepted, every retry answered with the first answer's code, receipt codes
unique. The reports stay.
"""

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.open311_bench_settings"
os.environ["DEBUG"] = "false"

from bench_open311 import serve  # noqa: E402
from httpload import http_request, percentile  # noqa: E402

PATH = "/api/v1/feedback/reports"


def bench_users(count: int) -> list[str]:
    """``count`` bench citizens, each with a fresh API token (the service issues them)."""
    from congdanso.accounts.models import User, UserKind
    from congdanso.accounts.services.tokens import api_token_issue

    tokens = []
    for number in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-citizen-{number:03d}", defaults={"kind": UserKind.CITIZEN}
        )
        tokens.append(api_token_issue(user=user, name="bench submit")[1])
    return tokens


def bench_places(rng: random.Random) -> tuple[list[str], list[tuple[int, float, float]]]:
    from congdanso.feedback.management.commands.feedback_generate import commune_pins
    from congdanso.feedback.models import Category
    from congdanso.places.models import AdministrativeUnit, UnitLevel

    communes = list(AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent__code=20))
    pins = commune_pins(communes, rng)
    codes = {unit.pk: unit.code for unit in communes}
    places = [(codes[unit_id], lat, lon) for unit_id, points in pins.items() for lat, lon in points[:50]]
    return list(Category.objects.filter(is_active=True).values_list("code", flat=True)), places


async def run(args, tokens, categories, places) -> dict:
    rng = random.Random(args.seed)
    deadline = time.perf_counter() + args.seconds
    latencies, answers, errors, statuses = [], {}, [], {}

    def form(key: str) -> tuple[dict, bytes]:
        commune, lat, lon = rng.choice(places)
        body = urlencode(
            {
                "category": rng.choice(categories),
                "title": "Đèn đường hỏng cần thay (đo tải)",
                "description": "Cả đoạn đường tối từ tuần trước, đề nghị kiểm tra và thay bóng đèn.",
                "latitude": f"{lat:.6f}",
                "longitude": f"{lon:.6f}",
                "commune_code": str(commune),
                "address": "Thôn 3",
            }
        ).encode()
        headers = {
            "Authorization": f"Bearer {rng.choice(tokens_by_key.setdefault(key, [rng.choice(tokens)]))}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Idempotency-Key": key,
        }
        return headers, body

    tokens_by_key: dict[str, list[str]] = {}

    async def send(key: str, headers: dict, body: bytes) -> None:
        try:
            status, payload, seconds = await http_request(args.port, "POST", PATH, headers=headers, body=body)
        except (OSError, TimeoutError) as error:
            errors.append(repr(error))
            return
        statuses[status] = statuses.get(status, 0) + 1
        if status not in (200, 201):
            errors.append(f"HTTP {status}: {payload[:200]!r}")
            return
        latencies.append(seconds)
        answers.setdefault(key, set()).add(json.loads(payload)["code"])

    async def client() -> None:
        while time.perf_counter() < deadline:
            key = uuid.UUID(int=rng.getrandbits(128)).hex
            headers, body = form(key)
            roll = rng.random()
            if roll < args.race:  # the same submit twice at once (a double tap)
                await asyncio.gather(send(key, headers, body), send(key, headers, body))
            else:
                await send(key, headers, body)
                if roll < args.race + args.retry:  # retried after the answer (a lost response)
                    await send(key, headers, body)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(args.clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "elapsed": elapsed,
        "requests": sum(statuses.values()),
        "statuses": statuses,
        "errors": errors,
        "answers": answers,
        "p50": percentile(latencies, 0.5) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")))
    parser.add_argument("--retry", type=float, default=0.2, help="share retried after the answer")
    parser.add_argument("--race", type=float, default=0.05, help="share sent twice at the same time")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=8932)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://… (this bench measures PostgreSQL).")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from congdanso.feedback.models import Report

    tokens = bench_users(args.users)
    categories, places = bench_places(random.Random(args.seed))
    before = Report.objects.count()
    process = serve(args.port, args.workers)
    try:
        result = asyncio.run(run(args, tokens, categories, places))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    connection.close()
    after = Report.objects.count()
    answers = result["answers"]
    split = [key for key, codes in answers.items() if len(codes) > 1]
    codes = [next(iter(codes)) for codes in answers.values()]
    duplicate_codes = (
        Report.objects.filter(code__in=codes).values("code").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    created = after - before
    print(
        f"reports before {before}, after {after}: {created} created for {len(answers)} distinct keys "
        f"({result['requests']} requests, HTTP {dict(sorted(result['statuses'].items()))})"
    )
    print(
        f"sustained: {created / result['elapsed']:.1f} reports/s, "
        f"{result['requests'] / result['elapsed']:.1f} requests/s over {result['elapsed']:.1f} s; "
        f"latency p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, p99 {result['p99']:.1f} ms "
        f"({args.clients} clients, {args.workers} workers)"
    )
    print(
        f"errors: {len(result['errors'])}; keys answered with two codes: {len(split)}; "
        f"duplicates (created - distinct keys): {created - len(answers)}; duplicate codes: {duplicate_codes}"
    )
    for error in result["errors"][:5]:
        print("   ", error)


if __name__ == "__main__":
    main()

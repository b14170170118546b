"""Home page weight (HTML + CSS + JS, gzip) and server time on a file SQLite database."""

import gzip
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
data_dir = tempfile.mkdtemp(prefix="congdanso-bench-")
os.environ["CONGDANSO_DATA_DIR"] = data_dir
os.environ["DJANGO_SETTINGS_MODULE"] = "congdanso.settings.development"
os.environ["DEBUG"] = "false"
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def server_times(client: Client, runs: int = 300) -> tuple[list[float], object]:
    for _ in range(20):  # warm up
        client.get("/")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/")
        timings.append((time.perf_counter() - started) * 1000)
    assert response.status_code == 200, response.status_code
    return sorted(timings), response


def report_times(label: str, timings: list[float]) -> None:
    p95 = timings[int(len(timings) * 0.95)]
    median = statistics.median(timings)
    print(f"server time, {label}: median {median:.2f} ms, p95 {p95:.2f} ms (n={len(timings)})")


def main() -> None:
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    client = Client()
    timings, response = server_times(client)
    html = response.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    total = gzip_size(html)
    print(f"HTML {len(html)} B, gzip {gzip_size(html)} B")
    for asset in assets:
        body = b"".join(client.get(asset.decode()).streaming_content)
        total += gzip_size(body)
        print(f"{asset.decode()} {len(body)} B, gzip {gzip_size(body)} B")
    print(f"home page transfer (gzip, HTML+CSS+JS): {total / 1024:.1f} KB")
    report_times("anonymous", timings)

    from congdanso.accounts.services import citizen_create_verified

    citizen = citizen_create_verified(phone="0912345678", password="bench-password-1", full_name="Bench")
    signed_in = Client()
    signed_in.force_login(citizen)
    report_times("signed-in citizen", server_times(signed_in)[0])
    print("(Django test client in-process, file SQLite in WAL mode, DEBUG off)")


if __name__ == "__main__":
    main()

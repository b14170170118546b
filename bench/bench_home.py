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

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def main() -> None:
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    client = Client()
    for _ in range(20):  # warm up
        client.get("/")
    timings = []
    for _ in range(300):
        started = time.perf_counter()
        response = client.get("/")
        timings.append((time.perf_counter() - started) * 1000)
    html = response.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    total = gzip_size(html)
    print(f"HTML {len(html)} B, gzip {gzip_size(html)} B")
    for asset in assets:
        body = b"".join(client.get(asset.decode()).streaming_content)
        total += gzip_size(body)
        print(f"{asset.decode()} {len(body)} B, gzip {gzip_size(body)} B")
    timings.sort()
    print(f"home page transfer (gzip, HTML+CSS+JS): {total / 1024:.1f} KB")
    p95 = timings[int(len(timings) * 0.95)]
    print(
        f"server time: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms "
        f"(n={len(timings)}, anonymous, Django test client, SQLite WAL)"
    )


if __name__ == "__main__":
    main()

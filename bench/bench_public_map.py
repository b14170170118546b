"""The public map query ``public_map_points`` for typical viewports, in-process on PostgreSQL: p50/p95/max.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_bench_1m .venv/bin/python bench/bench_public_map.py \
        [--rounds 40] [--explain]

Viewports: the whole province at zoom 9, a district-size area (Lạng Sơn city and around) at zoom 12, a city
area at zoom 15; each without filters, with status=open and with a category.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdanso.settings.development")
os.environ["DEBUG"] = "false"

VIEWPORTS = {
    "province z9": dict(south=21.30, west=106.05, north=22.50, east=107.40, zoom=9),
    "district z12": dict(south=21.72, west=106.62, north=21.95, east=106.92, zoom=12),
    "city z15": dict(south=21.835, west=106.745, north=21.865, east=106.785, zoom=15),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from congdanso.feedback.models import Report
    from congdanso.feedback.selectors import public_map_points

    top = Report.objects.values_list("category__code", flat=True).first()
    filters = {"no filter": {}, "status=open": {"status": "open"}, f"category={top}": {"category": top}}
    print(f"reports: {Report.objects.count()}")
    worst = 0.0
    for view, box in VIEWPORTS.items():
        for label, extra in filters.items():
            points = public_map_points(**box, **extra)  # warm
            timings = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                public_map_points(**box, **extra)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            worst = max(worst, p95)
            print(
                f"{view:13s} {label:22s} p50 {timings[len(timings) // 2]:7.1f} ms  p95 {p95:7.1f} ms  "
                f"max {timings[-1]:7.1f} ms  ({len(points)} points, "
                f"{sum(point['count'] for point in points)} reports)"
            )
            if args.explain:
                with CaptureQueriesContext(connection) as queries:
                    public_map_points(**box, **extra)
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + queries.captured_queries[0]["sql"])
                    print("\n".join("    " + row[0] for row in cursor.fetchall()))
    print(f"worst p95: {worst:.1f} ms ({args.rounds} rounds each)")


if __name__ == "__main__":
    main()

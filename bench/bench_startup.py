"""Cold start: a fresh interpreter imports congdanso and runs django.setup(). Prints the median of 7 runs."""

import statistics
import subprocess
import sys

PROBE = (
    "import time; t = time.perf_counter(); import os; "
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'congdanso.settings.production'); "
    "os.environ.setdefault('SECRET_KEY', 'bench-' + 'x1y2z3' * 10); "
    "import congdanso, django; django.setup(); "
    "from django.urls import resolve; resolve('/'); "
    "print(time.perf_counter() - t)"
)


def main() -> None:
    timings = []
    for _ in range(7):
        output = subprocess.run(
            [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
        ).stdout
        timings.append(float(output.strip().splitlines()[-1]))
    print(
        f"cold import congdanso + django.setup() + URLconf: median {statistics.median(timings):.3f} s "
        f"(min {min(timings):.3f}, max {max(timings):.3f}, n=7)"
    )


if __name__ == "__main__":
    main()

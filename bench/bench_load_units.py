"""Time ``units_load`` on a fresh temporary SQLite file database.

Run: ``.venv/bin/python bench/bench_load_units.py`` (add ``--twice`` to time an idempotent second run).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="congdanso-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
    os.environ["CONGDANSO_DATA_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdanso.settings.base")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from congdanso.places.models import AdministrativeUnit, LegacyUnit
    from congdanso.places.services import units_load

    runs = 2 if "--twice" in sys.argv else 1
    for run in range(1, runs + 1):
        started = time.perf_counter()
        summary = units_load()
        elapsed = time.perf_counter() - started
        print(f"run {run}: units_load took {elapsed:.2f} s")
        for step, counts in summary.items():
            print(f"  {step}: {counts}")
    links = LegacyUnit.successors.through.objects.count()
    print(
        f"stored: {AdministrativeUnit.objects.count()} current units, "
        f"{LegacyUnit.objects.count()} legacy units, {links} legacy links"
    )


if __name__ == "__main__":
    main()

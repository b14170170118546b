"""``manage.py load_units``: load or refresh every administrative unit from vietnam_provinces."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from congdanso.places.services import units_load

STEP_LABELS = {
    "provinces": "Tỉnh/thành phố",
    "communes": "Xã/phường/đặc khu",
    "legacy_provinces": "Tỉnh cũ",
    "legacy_districts": "Huyện cũ",
    "legacy_communes": "Xã cũ",
    "legacy_successors": "Liên kết cũ → mới",
}


class TqdmProgress:
    """One bar per step, fed by ``units_load``'s progress callback."""

    def __init__(self, stream):
        self.stream = stream
        self.step = None
        self.bar = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if step != self.step:
            self.close()
            self.step = step
            self.bar = tqdm(
                total=total, desc=STEP_LABELS.get(step, step), unit="dòng", file=self.stream, leave=True
            )
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính (34 tỉnh, 3.321 xã) và đơn vị cũ trước 07/2025. "
        "Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, quiet: bool = False, **options):
        progress = None if quiet else TqdmProgress(self.stderr._out)
        try:
            summary = units_load(progress=progress)
        finally:
            if progress is not None:
                progress.close()
        for step, counts in summary.items():
            label = STEP_LABELS.get(step, step)
            details = ", ".join(f"{key}={value}" for key, value in counts.items())
            self.stdout.write(f"{label}: {details}")
        self.stdout.write(self.style.SUCCESS("Đã nạp xong danh mục đơn vị hành chính."))

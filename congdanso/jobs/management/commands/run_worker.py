"""``manage.py run_worker``: the task worker for every queue plus the sweep scheduler, in one process tree.

``--once`` (alias ``--batch``) enqueues the due sweeps, runs every waiting task and exits (tests, cron).
"""

from django.core.management.base import BaseCommand, CommandError
from django.tasks import task_backends
from django.tasks.exceptions import InvalidTaskBackend

from congdanso.jobs.worker import run_forever, run_once


class Command(BaseCommand):
    help = "Chạy tác vụ nền cho mọi hàng đợi cùng bộ lập lịch quét định kỳ (Ctrl-C để dừng)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once",
            "--batch",
            action="store_true",
            dest="once",
            help="Đưa các lượt quét đến hạn vào hàng đợi, chạy hết tác vụ đang chờ rồi thoát.",
        )
        parser.add_argument(
            "--backend", default="default", help="Bí danh backend trong TASKS (mặc định: default)."
        )
        parser.add_argument(
            "--tick", type=float, default=5.0, help="Số giây giữa hai lần kiểm tra lịch quét."
        )

    def handle(self, *, once: bool, backend: str, tick: float, **options) -> None:
        try:
            task_backends[backend]
        except InvalidTaskBackend as error:
            raise CommandError(str(error)) from error
        if tick <= 0:
            raise CommandError("--tick phải lớn hơn 0.")
        if once:
            enqueued = run_once(backend_alias=backend)
            self.stdout.write(f"Sweeps enqueued: {', '.join(enqueued) or '-'}; queues drained.")
            return
        self.stdout.write(
            f"Worker + sweep scheduler on backend {backend!r} (tick {tick:g}s). Ctrl-C to stop."
        )
        run_forever(backend_alias=backend, tick_seconds=tick)

"""Demo data for Lạng Sơn: agencies, officials per role, citizens. Safe to run again (idempotent)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from congdanso.accounts.seeds import seed_demo_people
from congdanso.feedback.seeds import seed_feedback_demo
from congdanso.places.boundary_import import boundaries_import_packaged
from congdanso.places.boundary_lookup import boundaries_available
from congdanso.places.seeds import seed_langson_agencies
from congdanso.places.selectors import units_loaded


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu cho Lạng Sơn (cơ quan, cán bộ, công dân). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        if not units_loaded():
            call_command("load_units")
        agencies = seed_langson_agencies()
        people = seed_demo_people()
        if not boundaries_available():
            boundaries_import_packaged()
        feedback = seed_feedback_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu Lạng Sơn: {agencies['total']} cơ quan ({agencies['created']} mới), "
                f"{people['citizens_created']} công dân mới, {people['officials_created']} cán bộ mới, "
                f"{feedback['reports']} phản ánh mẫu mới."
            )
        )
        if people["usernames"]:
            self.stdout.write(f"Tài khoản mới (mật khẩu: {people['password']}):")
            for username in people["usernames"]:
                self.stdout.write(f"  {username}")

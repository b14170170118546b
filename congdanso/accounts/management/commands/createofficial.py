"""``manage.py createofficial --username ... --full-name ... --agency <code> --role handler [--role ...]``."""

import getpass
import secrets

from django.core.management.base import BaseCommand, CommandError

from congdanso.accounts.models import Role
from congdanso.accounts.services import SYSTEM, official_create
from congdanso.core.errors import ApplicationError
from congdanso.places.models import Agency


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ tại một cơ quan với một hoặc nhiều vai trò."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--agency", required=True, help="Mã cơ quan (Agency.code)")
        parser.add_argument("--role", action="append", required=True, choices=Role.values, dest="roles")
        parser.add_argument("--password", default=None)
        parser.add_argument("--phone", default=None)
        parser.add_argument("--email", default=None)
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Không hỏi; tạo mật khẩu ngẫu nhiên và in ra.",
        )

    def handle(self, *args, **options):
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không tìm thấy cơ quan có mã “{options['agency']}”.")
        password = options["password"]
        generated = False
        if not password:
            if options["interactive"]:
                password = getpass.getpass("Mật khẩu: ")
                if password != getpass.getpass("Nhập lại mật khẩu: "):
                    raise CommandError("Hai mật khẩu không khớp.")
            else:
                password = secrets.token_urlsafe(12)
                generated = True
        try:
            user = official_create(
                actor=SYSTEM,
                username=options["username"],
                full_name=options["full_name"],
                agency=agency,
                roles=options["roles"],
                password=password,
                phone=options["phone"],
                email=options["email"],
            )
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã tạo cán bộ {user.username} tại {agency.name}."))
        if generated:
            self.stdout.write(f"Mật khẩu: {password}")

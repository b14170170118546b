"""``congdanso open311-key CLIENT_NAME``: register an Open311 client and print its new key, nothing else."""

from django.core.management.base import BaseCommand, CommandError

from congdanso.core.errors import ApplicationError
from congdanso.feedback.open311.services import open311_client_create


class Command(BaseCommand):
    help = "Cấp khoá API Open311 cho một ứng dụng mới và in khoá ra (chỉ in khoá)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Tên ứng dụng Open311 (duy nhất).")

    def handle(self, *args, name: str, **options):
        try:
            _client, clear_key = open311_client_create(actor=None, name=name)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(clear_key)

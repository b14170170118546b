"""``manage.py import_boundaries [path]``: load commune boundaries (default: the packaged Lạng Sơn file)."""

from django.core.management.base import BaseCommand, CommandError

from congdanso.core.errors import ApplicationError
from congdanso.places.boundary_import import PACKAGED_BOUNDARIES, boundaries_import


class Command(BaseCommand):
    help = "Nạp ranh giới xã/phường từ tệp GeoJSON (mặc định: tệp Lạng Sơn đi kèm sản phẩm)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(PACKAGED_BOUNDARIES), help="Tệp GeoJSON (.geojson/.gz)"
        )

    def handle(self, *args, path, **options):
        try:
            result = boundaries_import(actor=None, geojson_path_or_file=path)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã nạp ranh giới của {result['imported']} xã/phường."))
        if result["skipped"]:
            skipped = ", ".join(str(code) for code in result["skipped"])
            self.stdout.write(f"Bỏ qua {len(result['skipped'])} mã không có trong danh mục: {skipped}")

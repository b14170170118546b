"""Write the API's OpenAPI document to docs/openapi.json, or check that the committed one is current."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

DEFAULT_PATH = Path("docs/openapi.json")


def openapi_document_text() -> str:
    from congdanso.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Xuất tài liệu OpenAPI ra docs/openapi.json (--check: báo lỗi nếu tệp đã commit bị lệch)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PATH))
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, path, check, **options):
        text = openapi_document_text()
        target = Path(path)
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                import difflib

                diff = difflib.unified_diff(
                    current.splitlines(), text.splitlines(), "committed", "generated", lineterm="", n=2
                )
                sys.stdout.write("\n".join(list(diff)[:200]) + "\n")
                raise CommandError(
                    f"{target} lệch với API hiện tại. Chạy `congdanso export_openapi` rồi commit."
                )
            self.stdout.write("OpenAPI: khớp.")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"Đã ghi {target}.")

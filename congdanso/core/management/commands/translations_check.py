"""CI check: every .po entry is translated (none fuzzy), and each committed .mo holds exactly its .po."""

import gettext
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def po_untranslated(po_path: Path) -> list[str]:
    import polib

    po = polib.pofile(str(po_path))
    return [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]


def po_catalogue(po_path: Path) -> dict[str, str]:
    import polib

    catalogue = {}
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        catalogue[key] = entry.msgstr
    return catalogue


def mo_catalogue(mo_path: Path) -> dict[str, str]:
    with mo_path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    return {key: value for key, value in translations._catalog.items() if key and isinstance(key, str)}


class Command(BaseCommand):
    help = "Kiểm tra bản dịch: mọi mục đã dịch và tệp .mo khớp với tệp .po."

    def handle(self, *args, **options):
        problems = []
        po_files = [po for base in settings.LOCALE_PATHS for po in Path(base).glob("*/LC_MESSAGES/*.po")]
        for po_path in po_files:
            untranslated = po_untranslated(po_path)
            if untranslated:
                problems.append(
                    f"{po_path}: {len(untranslated)} untranslated or fuzzy, e.g. {untranslated[:3]}"
                )
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists():
                problems.append(f"{mo_path} is missing")
                continue
            expected, actual = po_catalogue(po_path), mo_catalogue(mo_path)
            if expected != actual:
                missing = sorted(set(expected) - set(actual))[:5]
                problems.append(
                    f"{mo_path} is stale (run `congdanso compilemessages`); e.g. missing {missing}"
                )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"Bản dịch: {len(po_files)} tệp .po khớp với .mo.")

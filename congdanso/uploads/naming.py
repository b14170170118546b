"""File names: the client's name is only a label; the storage name is random."""

import re
import unicodedata
import uuid
from pathlib import PurePosixPath

from django.utils import timezone

from congdanso.uploads.inspection import EXTENSIONS

MAX_NAME_LENGTH = 200
FALLBACK_NAME = "tep"
_RESERVED_CHARACTERS = re.compile(r'[<>:"|?*]')


def sanitise_file_name(name) -> str:
    """A displayable base name: no directories, control or bidi-override characters, or reserved symbols."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _RESERVED_CHARACTERS.sub("_", text)
    text = " ".join(text.split()).strip(" .")
    if len(text) > MAX_NAME_LENGTH:
        path = PurePosixPath(text)
        suffix = path.suffix[:20] if len(path.suffix) <= 20 else ""
        text = path.stem[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return text or FALLBACK_NAME


def download_name(original_name: str, content_type: str) -> str:
    """The label with the extension of the sniffed type (``ảnh.png`` that is really a JPEG → ``ảnh.jpg``)."""
    stem = PurePosixPath(original_name).stem if "." in original_name else original_name
    return f"{stem or FALLBACK_NAME}{EXTENSIONS.get(content_type, '')}"


def stored_file_upload_to(instance, filename: str) -> str:
    """``uploads/YYYY/MM/<random>.<ext of sniffed type>``; ``filename`` from the client is ignored."""
    now = timezone.localtime()
    extension = EXTENSIONS.get(instance.content_type, "")
    return f"uploads/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{extension}"

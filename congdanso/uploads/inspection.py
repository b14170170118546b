"""Reading an upload within its size limit and deciding what it really is.

The decision rests on the bytes only (magic numbers, then a real decode for images). The name and the
content type the client declared are never consulted.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from congdanso.uploads.errors import EmptyFile, FileTooLarge, ImageTooLarge, UnsupportedFileType

READ_CHUNK_BYTES = 64 * 1024

JPEG, PNG, WEBP, PDF = "image/jpeg", "image/png", "image/webp", "application/pdf"
KNOWN_TYPES = (JPEG, PNG, WEBP, PDF)
IMAGE_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", WEBP: ".webp", PDF: ".pdf"}
TYPE_LABELS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WebP", PDF: "PDF"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PDF_EOF_WINDOW = 1024


@dataclass(frozen=True)
class FileInspection:
    """What the bytes turned out to be."""

    content_type: str
    width: int | None = None
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.content_type in IMAGE_FORMATS


def read_upload(fileobj, *, max_bytes: int) -> bytes:
    """Read the whole upload, never more than ``max_bytes + 1`` bytes: an oversize stream stops early."""
    declared_size = getattr(fileobj, "size", None)
    if isinstance(declared_size, int) and declared_size > max_bytes:
        raise FileTooLarge(max_bytes)
    if callable(getattr(fileobj, "seek", None)):
        try:
            fileobj.seek(0)
        except (OSError, ValueError):
            pass
    limit = max_bytes + 1
    buffer = bytearray()
    while len(buffer) < limit:
        chunk = fileobj.read(min(READ_CHUNK_BYTES, limit - len(buffer)))
        if not chunk:
            break
        buffer += chunk
    if len(buffer) > max_bytes:
        raise FileTooLarge(max_bytes)
    if not buffer:
        raise EmptyFile()
    return bytes(buffer)


def sniff_content_type(data: bytes) -> str | None:
    """The type announced by the magic bytes at the start of ``data``, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(PNG_SIGNATURE):
        return PNG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    return None


def unsupported_type_error(allowed_types) -> UnsupportedFileType:
    allowed = [content_type for content_type in KNOWN_TYPES if content_type in set(allowed_types)]
    if allowed == list(KNOWN_TYPES):
        message = _("Định dạng tệp không được hỗ trợ. Chỉ chấp nhận ảnh (JPEG, PNG, WebP) và PDF.")
    else:
        labels = ", ".join(TYPE_LABELS[content_type] for content_type in allowed)
        message = _("Định dạng tệp không được hỗ trợ. Chỉ chấp nhận: %(types)s.") % {"types": labels}
    return UnsupportedFileType(message, details={"allowed_types": allowed})


def inspect_content(data: bytes, *, allowed_types=None, max_pixels: int | None = None) -> FileInspection:
    """Sniff ``data``, then prove it: images must decode fully, PDFs must carry a header and an end marker."""
    allowed = list(settings.UPLOAD_ALLOWED_TYPES if allowed_types is None else allowed_types)
    content_type = sniff_content_type(data)
    if content_type is None or content_type not in allowed:
        raise unsupported_type_error(allowed)
    if content_type == PDF:
        if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
            raise unsupported_type_error(allowed)
        return FileInspection(content_type=PDF)
    width, height = decode_image(
        data,
        image_format=IMAGE_FORMATS[content_type],
        max_pixels=settings.UPLOAD_MAX_IMAGE_PIXELS if max_pixels is None else max_pixels,
        allowed_types=allowed,
    )
    return FileInspection(content_type=content_type, width=width, height=height)


def decode_image(data: bytes, *, image_format: str, max_pixels: int, allowed_types) -> tuple[int, int]:
    """Open with only the expected decoder, check the pixel count from the header, verify, then decode."""
    try:
        with Image.open(io.BytesIO(data), formats=[image_format]) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise ImageTooLarge(max_pixels)
            image.verify()
        with Image.open(io.BytesIO(data), formats=[image_format]) as image:
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageTooLarge(max_pixels) from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        IndexError,
        TypeError,
    ) as error:
        raise unsupported_type_error(allowed_types) from error
    return width, height

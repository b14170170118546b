"""Builders of small, real (or deliberately fake) files for the upload tests."""

import io
import struct
import zlib

from PIL import Image

GPS_INFO_TAG = 34853
ORIENTATION_TAG = 0x0112
GPS_IFD = {1: "N", 2: (21.0, 51.0, 0.0), 3: "E", 4: (106.0, 45.0, 0.0)}
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def gps_exif(*, orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[GPS_INFO_TAG] = GPS_IFD
    if orientation is not None:
        exif[ORIENTATION_TAG] = orientation
    return exif


def image_bytes(image_format: str, *, size=(40, 20), color=(200, 10, 10), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format, **save_options)
    return buffer.getvalue()


def jpeg_with_gps(*, orientation: int | None = None, **save_options) -> bytes:
    return image_bytes("JPEG", exif=gps_exif(orientation=orientation), quality=95, **save_options)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width: int = 10_000, height: int = 10_000) -> bytes:
    """A valid 1-bit PNG of ``width`` × ``height`` black pixels: ~12 KB on disk, 100 MP when decoded."""
    rows = b"\x00" * (height * (1 + (width + 7) // 8))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 9))
        + _png_chunk(b"IEND", b"")
    )


def open_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


class CountingStream:
    """A file-like object of unknown size that yields ``total`` zero bytes and counts what was read."""

    name = "lon.jpg"

    def __init__(self, total: int, prefix: bytes = b"\xff\xd8\xff"):
        self.total = total
        self.prefix = prefix
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        remaining = self.total - self.bytes_read
        count = remaining if size is None or size < 0 else min(size, remaining)
        start = self.bytes_read
        self.bytes_read += count
        head = self.prefix[start : start + count] if start < len(self.prefix) else b""
        return head + b"\x00" * (count - len(head))

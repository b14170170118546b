import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import time_machine

from congdanso.uploads.naming import download_name, sanitise_file_name, stored_file_upload_to


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ảnh hiện trường.JPG", "Ảnh hiện trường.JPG"),
        ("C:\\Users\\an\\Desktop\\don.pdf", "don.pdf"),
        ("../../etc/passwd", "passwd"),
        ("hoa\u0301 đơn.pdf", "hoá đơn.pdf"),  # decomposed accents are composed (NFC)
        ("anh\u202egpj.exe", "anhgpj.exe"),  # right-to-left override removed
        ("a\x00b\nc\td.png", "abcd.png"),
        ('<script>"x"|?*.png', "_script__x____.png"),
        ("   nhiều    khoảng   trắng  .pdf ", "nhiều khoảng trắng .pdf"),
        ("...", "tep"),
        ("", "tep"),
        (None, "tep"),
        ("a" * 300 + ".jpeg", "a" * 195 + ".jpeg"),
    ],
)
def test_sanitise_file_name(raw, expected):
    assert sanitise_file_name(raw) == expected


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("giay-to.jpg", "image/png", "giay-to.png"),
        ("Đơn.PDF", "application/pdf", "Đơn.pdf"),
        ("khongduoi", "image/webp", "khongduoi.webp"),
        ("tep", "image/jpeg", "tep.jpg"),
    ],
)
def test_download_name_uses_the_sniffed_extension(original, content_type, expected):
    assert download_name(original, content_type) == expected


def test_upload_to_is_random_dated_and_ignores_the_client_name():
    instance = SimpleNamespace(content_type="image/webp")

    with time_machine.travel(datetime(2026, 11, 30, 18, 30, tzinfo=UTC), tick=False):
        first = stored_file_upload_to(instance, "../../evil.html")
        second = stored_file_upload_to(instance, "../../evil.html")

    assert re.fullmatch(r"uploads/2026/12/[0-9a-f]{32}\.webp", first)
    assert re.fullmatch(r"uploads/2026/12/[0-9a-f]{32}\.webp", second)
    assert first != second

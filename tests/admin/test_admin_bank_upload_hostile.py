"""Hostile zip uploads are refused with a 422 naming the file, never read without bound."""

import io
import struct
import zipfile

import pytest

from app.admin import bank_io
from app.admin.errors import Invalid


def _zip(name: str, content: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _patch_headers(
    data: bytes, offset_in_local: int, offset_in_central: int, fmt: str, value: int
) -> bytes:
    patched = bytearray(data)
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    struct.pack_into(fmt, patched, local + offset_in_local, value)
    struct.pack_into(fmt, patched, central + offset_in_central, value)
    return bytes(patched)


def _refusal(data: bytes) -> str:
    with pytest.raises(Invalid) as caught:
        bank_io.read_upload("bank.zip", data)
    assert caught.value.status == 422
    return caught.value.detail


def test_upload_zip_with_a_lying_size_is_refused():
    bomb = _zip("cnn.yaml", b"a" * (bank_io.MAX_UPLOAD_BYTES + 10))
    lying = _patch_headers(bomb, 22, 24, "<I", 10)  # uncompressed size: "10 bytes"
    assert _refusal(lying) == "files: 'bank.zip': 'cnn.yaml' is damaged and cannot be read"


def test_upload_zip_with_an_encrypted_entry_is_refused():
    encrypted = _patch_headers(_zip("cnn.yaml", b"topic: cnn\n"), 6, 8, "<H", 0x1)
    assert "'cnn.yaml' is encrypted" in _refusal(encrypted)


def test_upload_zip_with_an_unknown_compression_method_is_refused():
    unknown = _patch_headers(_zip("cnn.yaml", b"topic: cnn\n"), 8, 10, "<H", 99)
    assert "'cnn.yaml' uses an unsupported compression method" in _refusal(unknown)


def test_upload_zip_with_a_corrupt_stream_is_refused():
    data = bytearray(_zip("cnn.yaml", b"topic: cnn\n" * 50))
    start = data.index(b"PK\x03\x04") + 30 + len("cnn.yaml")
    data[start : start + 8] = b"\xff" * 8
    assert "'cnn.yaml' is damaged" in _refusal(bytes(data))


def test_upload_zip_members_together_may_not_exceed_the_limit():
    half = b"a" * (bank_io.MAX_UPLOAD_BYTES // 2 + 10)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.yaml", half)
        archive.writestr("b.yaml", half)
    assert "unpacks to more than 2 MB" in _refusal(buffer.getvalue())


def test_upload_honest_zip_is_still_read():
    assert bank_io.read_upload("bank.zip", _zip("cnn.yaml", b"topic: cnn\n")) == [
        ("cnn.yaml", "topic: cnn\n")
    ]

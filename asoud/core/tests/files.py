"""Uploads an attacker would try: a real PNG with an HTML page glued after it, named `x.html`."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SCRIPT = b"<script>alert('owned');console.log('owned')</script>"


def png_bytes(size: tuple[int, int] = (24, 16)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 140, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def polyglot_upload(name: str = "x.html") -> SimpleUploadedFile:
    """Valid as a PNG (Pillow reads it) and, sniffed or served as text/html, a page that runs a script."""
    return SimpleUploadedFile(name, png_bytes() + b"<html><body>" + SCRIPT + b"</body></html>", "text/html")


def pdf_bytes(body: bytes = b"1 0 obj << /Type /Catalog >> endobj\n") -> bytes:
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"

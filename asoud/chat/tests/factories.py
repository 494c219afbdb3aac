import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_upload(name: str = "photo.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name: str = "invoice.pdf", padding: int = 0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"0" * padding
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def fake_image_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("virus.png", b"MZ\x90\x00 this is not an image", content_type="image/png")

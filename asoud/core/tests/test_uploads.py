"""One upload module: images are re-encoded (nothing after the pixels survives), PDFs are checked."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from asoud.core import uploads
from asoud.core.tests.files import SCRIPT, pdf_bytes, polyglot_upload


def error_of(clean, upload) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        clean(upload)
    return error.value.messages[0]


def test_a_png_with_a_page_after_it_is_kept_as_pixels_only_under_a_generated_png_name():
    clean = uploads.image_clean(polyglot_upload("x.html"))
    data = clean.file.read()
    assert clean.kind == "image" and clean.content_type == "image/png"
    assert clean.file.name.endswith(".png") and "x" not in clean.file.name.removesuffix(".png").strip(
        "0123456789abcdef"
    )
    assert b"<script" not in data and b"<html" not in data and data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (24, 16)


def test_exif_is_dropped_and_the_orientation_applied():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    exif[0x010F] = "Spy Camera"
    Image.new("RGB", (40, 20), "red").save(buffer, "JPEG", exif=exif)
    clean = uploads.image_clean(SimpleUploadedFile("photo.jpeg", buffer.getvalue(), "image/jpeg"))
    with Image.open(clean.file) as image:
        assert image.format == "JPEG" and image.size == (20, 40)
        assert not image.getexif() and b"Spy Camera" not in clean.file.read()
    assert clean.file.name.endswith(".jpg")


def test_animated_gifs_stay_animated():
    frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
    clean = uploads.image_clean(SimpleUploadedFile("a.gif", buffer.getvalue() + SCRIPT, "image/gif"))
    with Image.open(clean.file) as image:
        assert image.n_frames == 3
    assert SCRIPT not in clean.file.read()


def test_html_is_refused_whatever_its_name():
    page = SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", "image/png")
    assert error_of(uploads.image_clean, page) == "This file is not an image we can read."
    assert error_of(uploads.document_clean, page) == "Attach an image (JPEG, PNG, WebP or GIF) or a PDF."


def test_a_plain_pdf_is_kept_under_a_generated_name_and_cut_after_its_end():
    clean = uploads.document_clean(SimpleUploadedFile("scan.html", pdf_bytes() + SCRIPT, "text/html"))
    data = clean.file.read()
    assert clean.kind == "pdf" and clean.file.name.endswith(".pdf") and not clean.file.name.startswith("scan")
    assert data.endswith(b"%%EOF\n") and SCRIPT not in data


ACTIVE_PDF = "This PDF contains scripts or automatic actions; save it again as a plain PDF."


@pytest.mark.parametrize(
    "body",
    [
        b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n",
        b"1 0 obj << /AA << /O 2 0 R >> >> endobj\n",
        b"1 0 obj << /S /J#61vaScript >> endobj\n",  # a name written with #xx escapes
        b"1 0 obj << /Length 40 >> stream\n<html><script>alert(1)</script></html>\nendstream endobj\n",
    ],
)
def test_pdfs_with_scripts_markup_or_actions_are_refused(body):
    assert error_of(uploads.pdf_clean, SimpleUploadedFile("a.pdf", pdf_bytes(body))) == ACTIVE_PDF


def test_actions_hidden_in_a_compressed_object_stream_are_refused():
    hidden = zlib.compress(b"2 0 << /Type /Action /S /JavaScript /JS (app.alert(1)) >>")
    body = b"1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >> stream\n" + hidden + b"\nendstream endobj\n"
    assert error_of(uploads.pdf_clean, SimpleUploadedFile("a.pdf", pdf_bytes(body))) == ACTIVE_PDF


def test_binary_image_streams_are_not_mistaken_for_actions():
    pixels = b"\x00/JS\x00/AA\x00" * 10  # raw image bytes that happen to look like names
    body = b"1 0 obj << /Subtype /Image /Length 90 >> stream\n" + pixels + b"\nendstream endobj\n"
    assert uploads.pdf_clean(SimpleUploadedFile("a.pdf", pdf_bytes(body))).kind == "pdf"


def test_a_pdf_header_without_an_end_is_refused():
    truncated = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n")
    assert error_of(uploads.pdf_clean, truncated) == "This file is not a PDF we can read."

"""Photo uploads: only real, reasonably sized images; WebP thumbnails made once, at upload."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from asoud.core import uploads
from storefront.catalog.forms import ProductImageForm
from storefront.catalog.models import ProductImage
from storefront.catalog.services import product_image_add
from storefront.catalog.tests.factories import ProductFactory, image_upload


def pixel_bomb(width: int = 30_000, height: int = 30_000) -> ContentFile:
    """A tiny PNG whose header claims 900 megapixels (decoding it would eat gigabytes)."""
    buffer = io.BytesIO()
    Image.new("1", (8, 8)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return ContentFile(bytes(data), name="bomb.png")


def upload_error(upload) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        uploads.image_validate(upload)
    return error.value.messages[0]


def test_a_text_file_is_refused():
    assert (
        upload_error(ContentFile(b"hello, not an image", name="photo.jpg")) == "This file is not an image we can read."
    )


def test_a_truncated_image_is_refused():
    data = image_upload().read()
    assert upload_error(ContentFile(data[:200], name="broken.jpg")) == "This file is not an image we can read."


def test_a_too_big_file_is_refused(settings, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_BYTES", 1024)
    message = upload_error(image_upload(1200, 1200))
    assert message.startswith("The file is too large (")
    assert "the limit is 1.0\xa0KB" in message


TOO_MANY_PIXELS = "The image has too many pixels: at most 25 megapixels, for example 5000×5000."


@pytest.mark.parametrize("side", [6_000, 30_000])  # above our limit; above Pillow's own bomb limit too
def test_a_pixel_bomb_is_refused_before_decoding(side):
    assert upload_error(pixel_bomb(side, side)) == TOO_MANY_PIXELS


def test_pixel_bomb_message_in_persian():
    with translation.override("fa"), pytest.raises(ValidationError) as error:
        uploads.image_validate(pixel_bomb())
    assert "۲۵ مگاپیکسل" in error.value.messages[0] and "۵۰۰۰×۵۰۰۰" in error.value.messages[0]


def test_other_image_formats_are_refused():
    assert upload_error(image_upload(image_format="BMP", name="photo.bmp")) == "Images must be JPEG, PNG, WebP or GIF."


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_allowed_formats_pass(image_format):
    assert uploads.image_validate(image_upload(image_format=image_format)) in {"jpg", "png", "webp", "gif"}


def test_the_upload_form_shows_the_reason():
    with translation.override("en"):
        form = ProductImageForm(data={"alt": "x"}, files={"image": _uploaded(pixel_bomb())})
        assert not form.is_valid()
        assert form.errors["image"] == [TOO_MANY_PIXELS]


def _uploaded(content: ContentFile):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(content.name, content.read(), content_type="image/png")


@pytest.mark.django_db
def test_upload_stores_the_photo_and_webp_thumbnails(in_alpha):
    with in_alpha():
        product = ProductFactory()
        photo = product_image_add(product=product, upload=image_upload(1500, 1000), alt="Front")
        stored = ProductImage.objects.get(pk=photo.pk)
    assert (stored.width, stored.height, stored.alt) == (1500, 1000, "Front")
    assert sorted(stored.thumbnails, key=int) == ["320", "640", "1024"]
    for width, name in stored.thumbnails.items():
        assert name.startswith("alpha/catalog/products/") and name.endswith(".webp")
        with default_storage.open(name) as handle, Image.open(handle) as thumbnail:
            assert thumbnail.format == "WEBP" and thumbnail.width == int(width)
    assert stored.srcset.count("w,") == 2


@pytest.mark.django_db
def test_small_photos_are_never_enlarged(in_alpha):
    with in_alpha():
        photo = product_image_add(product=ProductFactory(), upload=image_upload(500, 500))
    assert sorted(photo.thumbnails, key=int) == ["320", "500"]


@pytest.mark.django_db
def test_refused_upload_stores_nothing(in_alpha):
    with in_alpha():
        product = ProductFactory()
        with pytest.raises(ValidationError):
            product_image_add(product=product, upload=pixel_bomb())
        assert not ProductImage.objects.filter(product=product).exists()


@pytest.mark.django_db
def test_pages_use_lazy_responsive_thumbnails(alpha_client, in_alpha):
    with in_alpha():
        product = ProductFactory(slug="photo", title="Photographed")
        product_image_add(product=product, upload=image_upload(1200, 1200))
        product_image_add(product=product, upload=image_upload(1200, 1200))
    listing = alpha_client.get("/products/").text
    # The first cards of a listing are its largest paint: eager, high priority (later ones lazy).
    assert 'fetchpriority="high"' in listing and ".webp 320w" in listing and ".webp 1024w" in listing
    page = alpha_client.get("/p/photo/").text
    assert 'fetchpriority="high"' in page  # the first photo is the page's main image
    assert page.count('class="gallery-slide"') == 2

"""Writing news, and checking their images: one way for the pages, the demo and tests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# An image for a phone on paid data, and what a camera gives at most.
MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 6000
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def check_image(uploaded) -> str:
    """The image's content type, if it is a JPEG, PNG or WebP image of at most 2 MB and
    6,000 pixels a side; else a ValidationError saying what is wrong."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError(
            _("This image weighs %(size)s MB: at most 2 MB. Reduce it, then try again.")
            % {"size": round(uploaded.size / 1024 / 1024, 1)}
        )
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.verify()
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not an image that can be read: send a JPEG, PNG or WebP photo.")
        ) from None
    finally:
        uploaded.seek(0)
    if kind not in FORMATS:
        raise ValidationError(_("Send the image as JPEG, PNG or WebP."))
    if max(width, height) > MAX_SIDE:
        raise ValidationError(_("This image is too large: at most 6,000 pixels a side."))
    return FORMATS[kind]

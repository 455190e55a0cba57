"""What an uploaded file really is: checked on its bytes, not on its name."""

from __future__ import annotations

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension → the content types its bytes may show
ACCEPTED = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "webp": {"image/webp"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    "doc": {"application/msword"},
    "xls": {"application/vnd.ms-excel"},
    "csv": {"text/csv"},
}


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut by the end of the sample is still text.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
            continue
        return True
    return False


def detect(
    uploaded, *, accepted: dict[str, set[str]] | None = None, limit: int | None = None
) -> str:
    """The content type of ``uploaded`` if its bytes match its extension; else a
    ``ValidationError`` saying why, in the user's language. ``accepted`` narrows the
    accepted extensions (all of ``ACCEPTED`` by default), ``limit`` the size."""
    accepted = ACCEPTED if accepted is None else accepted
    limit = settings.COOPDEC_UPLOAD_MAX_BYTES if limit is None else limit
    if uploaded.size > limit:
        raise ValidationError(
            _("This file weighs %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    extension = PurePath(uploaded.name).suffix.lower().lstrip(".")
    expected = accepted.get(extension)
    if expected is None:
        raise ValidationError(
            _("Files of type “%(extension)s” are not accepted. Accepted: %(accepted)s.")
            % {"extension": extension or "?", "accepted": ", ".join(sorted(accepted))},
            code="extension",
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if extension == "csv":
        # Text, and not a known format that happens to start with text (a PDF does).
        found = "text/csv" if _is_text(head) and filetype.guess(head) is None else None
    else:
        kind = filetype.guess(head)
        found = kind.mime if kind else None
    if found not in expected:
        raise ValidationError(
            _(
                "This file is named .%(extension)s but its content is something else. Save or "
                "export it again from its application, then retry."
            )
            % {"extension": extension},
            code="content",
        )
    return found

"""Acceptance 4: a file whose content is not what its name says, or too big, is refused with
a message and nothing is stored."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopdec.conftest import PDF_BYTES
from coopdec.documents.models import Document
from coopdec.review.models import Revision

pytestmark = pytest.mark.django_db

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Commune"
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "pas un tableur")
    return buffer.getvalue()


def upload(client, partnership, name: str, content: bytes):
    return client.post(
        reverse("documents:document_create", kwargs={"kind": "partnership", "pk": partnership.pk}),
        {
            "kind": "other",
            "title": "Pièce",
            "audience": "private",
            "file": SimpleUploadedFile(name, content),
        },
    )


def stored_files() -> list[str]:
    try:
        return default_storage.listdir("documents")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("convention.pdf", PDF_BYTES),
        ("photo.png", PNG_BYTES),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64),
        ("budget.xlsx", xlsx_bytes()),
        ("budget.csv", "commune;montant\nKloto 1;1 500\nAgoè-Nyivé 2;200\n".encode()),
    ],
)
def test_files_that_are_what_they_say_are_kept(client_for, users, kloto_partnership, name, content):
    before = Document.objects.count()
    response = upload(client_for(users["focal_point"]), kloto_partnership, name, content)
    assert response.status_code == 302
    assert Document.objects.count() == before + 1
    document = Document.objects.latest("pk")
    assert document.size == len(content)
    assert document.file.read() == content
    assert not document.published  # a focal point's upload waits for validation
    assert Revision.objects.pending().filter(object_id=document.pk).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "convention.pdf",
            b"MZ\x90\x00 this is a program",
            "named .pdf but its content is something else",
        ),
        ("convention.pdf", PNG_BYTES, "named .pdf but its content is something else"),
        ("budget.xlsx", plain_zip(), "named .xlsx but its content is something else"),
        ("budget.xlsx", PDF_BYTES, "named .xlsx but its content is something else"),
        (
            "photo.png",
            b"<script>alert(1)</script>",
            "named .png but its content is something else",
        ),
        ("budget.csv", b"\x00\x01\x02binary\x00", "named .csv but its content is something else"),
        ("script.exe", b"MZ\x90\x00", "are not accepted"),
        ("vide.pdf", b"", "empty"),
    ],
)
def test_files_that_lie_are_refused_and_nothing_is_stored(
    client_for, users, kloto_partnership, name, content, message, settings
):
    settings.LANGUAGE_CODE = "en"
    files_before, documents_before = stored_files(), Document.objects.count()
    client = client_for(users["focal_point"])
    response = upload(client, kloto_partnership, name, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert Document.objects.count() == documents_before
    assert stored_files() == files_before
    assert not Revision.objects.exists()


def test_a_file_over_the_limit_is_refused(client_for, users, kloto_partnership, settings):
    settings.COOPDEC_UPLOAD_MAX_BYTES = 1024
    settings.LANGUAGE_CODE = "en"
    files_before = stored_files()
    response = upload(
        client_for(users["focal_point"]), kloto_partnership, "big.pdf", PDF_BYTES + b"0" * 2000
    )
    assert response.status_code == 200
    assert "the limit is 1.0\xa0KB" in response.context["form"].errors["file"][0]
    assert stored_files() == files_before


def test_the_file_is_served_as_a_download_with_its_type(client_for, users, kloto_partnership):
    document = kloto_partnership.documents.get()
    response = client_for(users["partner"]).get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES

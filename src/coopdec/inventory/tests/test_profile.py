"""The commune profile: one A4 page, as PDF; downloaded from the atlas it holds the public
records only and nobody's personal data; its QR code, read from the PDF rendered as an
image, is the address of the commune's public page."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from coopdec.demo.data import PEOPLE, load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def qr_codes(content: bytes, folder: Path) -> list[str]:
    source = folder / "profile.pdf"
    source.write_bytes(content)
    pdftoppm = shutil.which("pdftoppm")  # poppler-utils, installed by .ci/run
    assert pdftoppm, "poppler-utils is needed to render the PDF"
    subprocess.run(  # noqa: S603
        [pdftoppm, "-r", "150", "-png", "-singlefile", str(source), str(folder / "page")],
        check=True,
    )
    return [code.text for code in zxingcpp.read_barcodes(Image.open(folder / "page.png"))]


def test_the_public_profile_is_one_page_without_personal_data(client, demo, tmp_path):
    response = client.get(reverse("inventory:commune_profile_pdf", args=["kloto-1"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    assert pages == 1
    assert "Kloto 1" in text and "Bressuire" in text and "Plateaux" in text
    for first, last, email, *_rest in PEOPLE:
        assert first not in text and last not in text and email not in text
    public_page = settings.COOPDEC_SITE_URL.rstrip("/") + reverse(
        "territories:commune_detail", args=["kloto-1"]
    )
    assert qr_codes(response.content, tmp_path) == [public_page]


def test_a_partnership_not_public_is_only_in_the_members_profile(client, client_for, users, demo):
    """Tône 1 – Koudougou is not on the atlas (demo data)."""
    url = reverse("inventory:commune_profile_pdf", args=["tone-1"])
    _pages, public = pdf_text(client.get(url).content)
    assert "Koudougou" not in public
    staff = client_for(users["staff"])
    _pages, full = pdf_text(staff.get(url).content)
    assert "Koudougou" in full
    _pages, shared = pdf_text(staff.get(url, {"public": "1"}).content)
    assert "Koudougou" not in shared


def test_the_command_writes_the_same_page(demo, tmp_path):
    output = tmp_path / "kloto-1.pdf"
    call_command(
        "commune_profile", "kloto-1", output=str(output), public=True, stdout=io.StringIO()
    )
    pages, text = pdf_text(output.read_bytes())
    assert pages == 1 and "Kloto 1" in text
    with pytest.raises(CommandError):
        call_command("commune_profile", "nowhere", output=str(output))
    with pytest.raises(CommandError):
        call_command("commune_profile", "kloto-1", output=str(tmp_path / "profile.docx"))


def test_an_unknown_commune_has_no_profile(client, db):
    assert client.get(reverse("inventory:commune_profile_pdf", args=["nowhere"])).status_code == 404
    assert client.get(reverse("inventory:commune_profile", args=["nowhere"])).status_code == 404

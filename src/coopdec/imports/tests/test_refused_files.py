"""Acceptance 6: what is not a spreadsheet, or would blow up when unpacked, is refused with
a message before anything is read or written."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from coopdec.conftest import PDF_BYTES
from coopdec.imports.models import ImportRun
from coopdec.imports.readers import FileRefused, read_table
from coopdec.partnerships.models import Partnership

from .conftest import csv_file, xlsx

pytestmark = pytest.mark.django_db


def zip_bomb(unpacked_mb: int) -> bytes:
    """A small file that claims to be a workbook and unpacks to ``unpacked_mb`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (unpacked_mb * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_named_xlsx_is_refused_before_parsing(tmp_path, settings):
    settings.COOPDEC_IMPORT_MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
    bomb = zip_bomb(60)
    assert len(bomb) < 200 * 1024
    path = tmp_path / "partenariats.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(CommandError, match="limite") as refused:
        call_command("import", "partnerships", str(path))
    assert "60,0\u00a0Mio" in str(refused.value)
    assert not ImportRun.objects.exists() and not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("", name="vide.csv"), "vide"),
        (None, "autre nature"),  # a PDF renamed .csv
        (csv_file("x" * 20, name="liste.exe"), "ne sont pas acceptés"),
    ],
)
def test_what_is_not_a_spreadsheet_is_refused_with_a_message(upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = upload or SimpleUploadedFile("liste.csv", PDF_BYTES)
    with pytest.raises(FileRefused, match=message):
        read_table(upload)


def test_rows_beyond_the_cap_are_refused(settings):
    settings.COOPDEC_IMPORT_MAX_ROWS = 10
    rows = "Commune;Partenaire\n" + "Kloto 1;Bressuire\n" * 40
    with pytest.raises(FileRefused, match="plus de 10 lignes"):
        read_table(csv_file(rows))


def test_csv_in_windows_encoding_with_commas_is_read():
    text = "Commune,Partenaire\nKloto 1,Évreux\nTône 1,Saint-Étienne\n"
    table = read_table(csv_file(text, encoding="cp1252"))
    assert table.header == ["Commune", "Partenaire"]
    assert [cells for _number, cells in table.rows] == [
        ["Kloto 1", "Évreux"],
        ["Tône 1", "Saint-Étienne"],
    ]


def test_the_sheet_is_chosen_and_a_missing_one_explained():
    upload = xlsx([["Commune"], ["Kloto 1"]], sheet="Partenariats")
    assert read_table(upload, sheet="Partenariats").rows == [(2, ["Kloto 1"])]
    upload.seek(0)
    with pytest.raises(FileRefused, match="Partenariats"):
        read_table(upload, sheet="Projets")

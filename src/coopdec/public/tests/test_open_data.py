"""The open data page and files: public records only, every format readable, written again
when the data changes and not on every download."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import etree
from openpyxl import load_workbook

from coopdec.inventory.models import FiguresVersion
from coopdec.partnerships.models import Partnership
from coopdec.public import opendata
from coopdec.public.tasks import build_open_data
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db


def download(client, name: str) -> bytes:
    response = client.get(f"/donnees-ouvertes/{name}")
    assert response.status_code == 200, name
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    return b"".join(response.streaming_content)


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_page_offers_every_dataset_in_every_format_with_its_dictionary(client, written):
    first = client.get("/donnees-ouvertes/").content.decode()
    assert "en cours d’écriture" in first and "/donnees-ouvertes/communes.csv" not in first
    early = client.get("/donnees-ouvertes/communes.csv")  # a link followed too soon
    assert early.status_code == 503 and early["Retry-After"] == "120"
    assert "en cours d’écriture pour la première fois" in early.content.decode()
    written()
    page = client.get("/donnees-ouvertes/").content.decode()
    for name in opendata.file_names():
        assert f'href="/donnees-ouvertes/{name}"' in page
    assert "CC BY 4.0" in page and "Dictionnaire des données" in page
    assert "<code>seat_town</code>" in page and "/api/schema/" in page


def test_the_communes_file_lists_every_commune_in_three_formats(client, written):
    written()
    communes = Area.objects.communes()
    rows = csv_rows(download(client, "communes.csv"))
    assert len(rows) == communes.count() == 117
    kloto = next(row for row in rows if row["slug"] == "kloto-1")
    assert kloto["seat_town"] == "Kpalimé" and kloto["region_name"] == "Plateaux"
    records = json.loads(download(client, "communes.json"))["records"]
    assert [r["slug"] for r in records] == [row["slug"] for row in rows]
    assert next(r for r in records if r["slug"] == "kloto-1")["latitude"] == pytest.approx(6.9)
    sheet = load_workbook(io.BytesIO(download(client, "communes.xlsx"))).active
    values = list(sheet.values)
    assert values[0][:3] == ("slug", "name", "seat_town") and len(values) == 118


def test_files_hold_public_partnerships_only_and_follow_the_data(
    client, written, kloto_partnership
):
    written()
    assert csv_rows(download(client, "partenariats.csv")) == []
    kloto_partnership.is_public = True
    kloto_partnership.save()
    project = kloto_partnership.projects.get()
    project.is_public = True
    project.save()
    # Until the worker has written the new files, the previous ones are served.
    assert csv_rows(download(client, "partenariats.csv")) == []
    assert (
        "nouveaux fichiers sont en cours d’écriture"
        in client.get("/donnees-ouvertes/").content.decode()
    )
    build_open_data.call()

    rows = csv_rows(download(client, "partenariats.csv"))
    assert [row["name"] for row in rows] == ["Kloto 1 – Bressuire"]
    assert rows[0]["partner_countries"] == "FR" and rows[0]["commune"] == "kloto-1"
    projects = json.loads(download(client, "projets.json"))["records"]
    assert [p["id"] for p in projects] == [project.pk]
    iati = etree.fromstring(download(client, "projets-iati.xml"))
    assert len(iati.findall("iati-activity")) == 1

    Partnership.objects.get(pk=kloto_partnership.pk).delete()
    written()
    assert csv_rows(download(client, "partenariats.csv")) == []


def test_files_are_written_once_per_version_of_the_data(client, written, monkeypatch):
    written()
    first = download(client, "communes.csv")

    def must_not_write(folder):
        raise AssertionError("files written again although the data did not change")

    monkeypatch.setattr(opendata, "_write_all", must_not_write)
    build_open_data.call()  # a second request for the same version writes nothing
    assert download(client, "communes.csv") == first
    assert client.get("/donnees-ouvertes/").status_code == 200
    version = client.get("/donnees-ouvertes/communes.csv")["ETag"]
    assert (
        client.get("/donnees-ouvertes/communes.csv", HTTP_IF_NONE_MATCH=version).status_code == 304
    )


def test_an_unknown_file_is_not_found(client):
    for name in ("people.csv", "communes.exe", "..%2Fsecret_key", "generated"):
        assert client.get(f"/donnees-ouvertes/{name}").status_code == 404


def test_a_build_cut_short_is_written_again_whole(client, written):
    """A worker that died mid-way left a truncated file and no completion mark: the next
    build replaces the file instead of keeping it beside a renamed copy."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    version = FiguresVersion.current()
    default_storage.save(f"opendata/{version}/communes.csv", ContentFile(b"slug;na"))
    assert opendata.latest() is None  # no complete set to serve
    written()
    assert len(csv_rows(download(client, "communes.csv"))) == 117
    _folders, files = default_storage.listdir(f"opendata/{version}")
    assert sorted(files) == sorted([*opendata.file_names(), "generated"])

"""Only http(s) addresses become links: refused where records are written (forms, imports,
models), and never rendered clickable if one is in the database anyway."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import read_table
from coopdec.imports.tests.conftest import csv_file
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db

SCRIPTS = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<b>x</b>"]


@pytest.mark.parametrize("address", [*SCRIPTS, "vbscript:msgbox(1)", "ftp://example.org/a"])
def test_an_import_refuses_a_website_that_is_not_http(address, settings):
    settings.LANGUAGE_CODE = "en"
    text = f"Collectivité;Pays;Site internet\nCommune de NIORT (79);France;{address}\n"
    table = read_table(csv_file(text))
    importer = KINDS["local_governments"]
    preview = pipeline.preview(importer, table, pipeline.suggest_mapping(importer, table.header))
    assert not preview.clean
    assert "http:// or https://" in " ".join(preview.rows[0].messages)
    with pytest.raises(pipeline.ImportRefused):
        pipeline.commit(preview)
    assert not Area.objects.filter(name__icontains="niort").exists()


def test_an_import_takes_a_bare_domain_as_https(settings):
    text = "Collectivité;Pays;Site internet\nCommune de NIORT (79);France;www.niort.fr\n"
    table = read_table(csv_file(text))
    importer = KINDS["local_governments"]
    preview = pipeline.preview(importer, table, pipeline.suggest_mapping(importer, table.header))
    pipeline.commit(preview)
    assert Area.objects.get(name__icontains="niort").website == "https://www.niort.fr"


@pytest.mark.parametrize("address", SCRIPTS)
def test_forms_and_models_refuse_them(client_for, users, address):
    response = client_for(users["staff"]).post(
        reverse("territories:commune_edit", args=["kloto-1"]),
        {"seat_town": "Kpalimé", "size_class": "large", "website": address},
    )
    assert response.status_code == 200 and response.context["form"].errors["website"]
    commune = Area.objects.get(slug="kloto-1")
    assert commune.website == ""
    commune.website = address
    with pytest.raises(ValidationError):
        commune.full_clean()


def test_a_stored_script_address_is_shown_as_text_never_as_a_link(client, kloto1):
    Area.objects.filter(pk=kloto1.pk).update(website="javascript:alert(1)")
    page = client.get(reverse("territories:commune_detail", args=["kloto-1"])).content.decode()
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page
    tag = Template("{% load links %}{% web_link url %}")
    assert tag.render(Context({"url": "https://kpalime.tg"})).startswith('<a href="https://')

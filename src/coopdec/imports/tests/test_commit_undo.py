"""Acceptance 2 and 3: all or nothing, naming the faulty row; undo restores every table."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from coopdec.conftest import add_partnership
from coopdec.core.audit import history_of
from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.models import ImportRun
from coopdec.imports.readers import read_table
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import AdminLevel, Area

from .conftest import snapshot, xlsx

pytestmark = pytest.mark.django_db


def french_communes(count: int) -> list[Area]:
    level = AdminLevel.objects.get(country__code="FR", code="commune")
    return [
        Area.objects.create(
            country=level.country, level=level, name=f"Villeneuve {n}", slug=f"villeneuve-{n}"
        )
        for n in range(count)
    ]


def rows_for(count: int) -> list[list]:
    communes = list(Area.objects.communes().order_by("name"))
    partners = french_communes(count // len(communes) + 1)
    return [
        [communes[n % len(communes)].name, partners[n // len(communes)].name, "Jumelage", "2019"]
        for n in range(count)
    ]


HEADER = ["Commune", "Collectivité partenaire", "Type", "Date de signature"]


def test_one_bad_row_in_a_thousand_commits_nothing_and_is_named(tmp_path, capsys):
    rows = rows_for(1000)
    rows[499][3] = "31/02/2019"  # row 501 of the file, under the header
    path = tmp_path / "partenariats.xlsx"
    path.write_bytes(xlsx([HEADER, *rows]).read())

    with pytest.raises(CommandError) as refused:
        call_command("import", "partnerships", str(path), "--report", str(tmp_path / "r.json"))
    assert refused.value.returncode == 1
    errors = capsys.readouterr().err
    assert "Ligne 501" in errors and "Signé le" in errors and "n'existe pas" in errors
    assert errors.count("\n") == 1  # that row only
    assert not Partnership.objects.exists() and not ImportRun.objects.exists()

    rows[499][3] = "28/02/2019"
    path.write_bytes(xlsx([HEADER, *rows]).read())
    call_command("import", "partnerships", str(path))
    assert Partnership.objects.count() == 1000


def test_undo_leaves_every_table_as_it_was(kloto1, wawa1, bressuire, users):
    kept = add_partnership(kloto1, [bressuire], status="exploring", kind="friendship")
    before = snapshot()
    table = read_table(
        xlsx(
            [
                ["Commune", "Partenaire", "Statut", "Thèmes", "Date de signature"],
                ["Kloto 1", "Bressuire", "Actif", "Eau et assainissement", "12/03/2019"],
                ["Wawa 1", "Bressuire", "En sommeil", "", "mars 2010"],
            ]
        )
    )
    kind = KINDS["partnerships"]
    preview = pipeline.preview(kind, table, pipeline.suggest_mapping(kind, table.header))
    assert [row.status for row in preview.rows] == ["update", "new"]
    run = pipeline.commit(preview, author=users["staff"], file_name="liste.xlsx")
    kept.refresh_from_db()
    assert kept.status == "active" and kept.themes.count() == 1
    assert Partnership.objects.count() == 2
    assert snapshot() != before

    pipeline.undo(run, author=users["staff"])
    assert snapshot() == before
    # The partnership's history shows the import's change, then its reversal by the staff.
    reversal, change = [e for e in history_of(kept) if "status" in e.changes_dict][:2]
    assert reversal.changes_dict["status"] == ["active", "exploring"]
    assert change.changes_dict["status"] == ["exploring", "active"]
    assert reversal.actor == users["staff"]
    run.refresh_from_db()
    assert (run.state, run.undone_by) == ("undone", users["staff"])
    with pytest.raises(pipeline.ImportRefused):
        pipeline.undo(run)


def test_undo_is_refused_while_anything_added_since_depends_on_the_import(
    kloto1, wawa1, bressuire, users
):
    """Undo asks Django what depends on the records it would delete: an event, a project,
    a document attached by generic key, a proposal — none is listed by hand anywhere."""
    from django.core.files.base import ContentFile

    from coopdec.conftest import PDF_BYTES
    from coopdec.documents.models import Document
    from coopdec.partnerships.models import Event

    table = read_table(
        xlsx([["Commune", "Partenaire", "Statut"], ["Wawa 1", "Bressuire", "Actif"]])
    )
    kind = KINDS["partnerships"]
    preview = pipeline.preview(kind, table, pipeline.suggest_mapping(kind, table.header))
    run = pipeline.commit(preview, author=users["staff"], file_name="liste.xlsx")
    imported = Partnership.objects.get(local_government=wawa1)
    document = Document(
        kind="report", title="Rapport", audience="private", content_type="application/pdf"
    )
    document.size = len(PDF_BYTES)
    document.attach(imported)
    document.file.save("rapport.pdf", ContentFile(PDF_BYTES))
    event = Event.objects.create(
        partnership=imported, kind="visit", title="Visite", date="2025-01-02"
    )
    before = snapshot()

    for added in (event, document):
        with pytest.raises(pipeline.ImportRefused, match="utilisés"):
            pipeline.undo(run, author=users["staff"])
        assert snapshot() == before  # nothing undone
        added.delete()
        before = snapshot()
    # Its own status history and links to partners do not hold it back.
    pipeline.undo(run, author=users["staff"])
    assert not Partnership.objects.filter(local_government=wawa1).exists()

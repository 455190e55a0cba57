"""Partnerships are written in one place: ``partnerships/services.py``. Anywhere else, a
partnership created or bulk-inserted by hand would skip its invariants (default name,
search words, status history, last activity)."""

import re
from pathlib import Path

import coopdec

SOURCE = Path(coopdec.__file__).parent
WRITES = re.compile(
    r"Partnership\.objects\.(create|bulk_create|get_or_create|update_or_create)\(|(?<!class )\bPartnership\("
)


def test_partnerships_are_created_only_by_the_domain_functions():
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and path.name != "services.py" and path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITES.search(line)
    ]
    assert found == []


def test_the_check_sees_a_write_by_hand():
    assert WRITES.search("    Partnership.objects.create(local_government=commune)")
    assert WRITES.search("rows = [Partnership(name=name) for name in names]")
    assert not WRITES.search("services.create_partnership(local_government=commune)")


def stored(partnership) -> dict:
    """Everything a partnership's write keeps, but its key and clock."""
    partnership.refresh_from_db()
    return {
        **{
            name: getattr(partnership, name)
            for name in (
                "local_government_id",
                "name",
                "kind",
                "status",
                "status_since",
                "first_contact_date",
                "signature_date",
                "description",
                "published",
                "search_text",
                "last_activity_on",
            )
        },
        "partners": sorted(partnership.partner_governments.values_list("pk", flat=True)),
        "organisations": sorted(partnership.supporting_organisations.values_list("pk", flat=True)),
        "themes": sorted(partnership.themes.values_list("code", flat=True)),
        "history": list(partnership.status_changes.values_list("status", "date")),
    }


def test_the_form_and_the_import_store_the_same_partnership_and_the_api_shows_it_alike(
    client_for, users, kloto1, bressuire, twinning_association, water
):
    """The same facts given through the form and through a spreadsheet go through the
    same domain functions: the same record (name, search words, status history, last
    activity), which the API then shows the same way. (The API only reads.)"""
    from django.urls import reverse

    from coopdec.imports import pipeline
    from coopdec.imports.kinds import KINDS
    from coopdec.imports.readers import read_table
    from coopdec.imports.tests.conftest import xlsx
    from coopdec.partnerships.models import Partnership

    client_for(users["staff"]).post(
        reverse("partnerships:partnership_create"),
        {
            "local_government": kloto1.pk,
            "partner_governments": [bressuire.pk],
            "supporting_organisations": [twinning_association.pk],
            "kind": "twinning",
            "status": "active",
            # Since when it is active: neither the form nor the file says (left unknown).
            "first_contact_date": "1998-03-01",
            "signature_date": "2001-03-12",
            "themes": [water.pk],
        },
    )
    by_form = Partnership.objects.get()
    from_form = stored(by_form)

    def api(partnership) -> dict:
        Partnership.objects.filter(pk=partnership.pk).update(is_public=True)
        body = client_for(None).get(f"/api/partenariats/{partnership.pk}/").json()
        return {key: value for key, value in body.items() if key not in ("id", "page")}

    shown_from_form = api(by_form)
    by_form.delete()

    table = read_table(
        xlsx(
            [
                ["Commune", "Partenaire", "Association", "Type", "Statut", "Premier contact"]
                + ["Date de signature", "Thématiques"],
                ["Kloto 1", "Bressuire", twinning_association.name, "Jumelage", "Actif"]
                + ["01/03/1998", "12/03/2001", "Eau et assainissement"],
            ]
        )
    )
    kind = KINDS["partnerships"]
    preview = pipeline.preview(kind, table, pipeline.suggest_mapping(kind, table.header))
    assert preview.clean, [row.messages for row in preview.rows]
    pipeline.commit(preview, author=users["staff"], file_name="liste.xlsx")
    by_import = Partnership.objects.get()
    assert stored(by_import) == from_form
    assert api(by_import) == shown_from_form

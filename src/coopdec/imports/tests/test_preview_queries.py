"""A preview reads the reference data once per file, not once per row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopdec.imports import pipeline
from coopdec.imports.kinds import KINDS
from coopdec.imports.readers import read_table

from .conftest import csv_file

pytestmark = pytest.mark.django_db


def queries_for(kind: str, header: str, line: str, rows: int) -> int:
    table = read_table(csv_file(header + "\n" + "\n".join([line] * rows) + "\n"))
    importer = KINDS[kind]
    mapping = pipeline.suggest_mapping(importer, table.header)
    with CaptureQueriesContext(connection) as queries:
        pipeline.preview(importer, table, mapping)
    return len(queries)


@pytest.mark.parametrize(
    ("kind", "header", "line"),
    [
        (
            "partnerships",
            "Commune;Partenaire;Type;Thèmes",
            "Kloto 1;Bohicon;Jumelage;Eau et assainissement",
        ),
        ("local_governments", "Nom;Pays;Niveau", "Bohicon;Bénin;Commune"),
    ],
)
def test_the_same_queries_for_5_rows_or_50(kind, header, line):
    assert queries_for(kind, header, line, 5) == queries_for(kind, header, line, 50)


def test_rows_that_update_records_ask_no_query_each():
    """Comparing a row with the record it updates, and saying what changes, reads the
    records and their relations in bulk: 2 updates or 20, the same queries."""
    from django.db import connection as database

    from coopdec.conftest import add_partnership, commune, foreign

    def updates(count: int) -> int:
        names = [f"Ville {count}-{i}" for i in range(count)]
        for name in names:
            add_partnership(commune("kloto-1"), [foreign("FR", name)], status="active")
        table = read_table(
            csv_file(
                "Commune;Partenaire;Statut;Thèmes\n"
                + "".join(f"Kpalimé;{name};Terminé;Santé\n" for name in names)
            )
        )
        importer = KINDS["partnerships"]
        with CaptureQueriesContext(database) as queries:
            preview = pipeline.preview(
                importer, table, pipeline.suggest_mapping(importer, table.header)
            )
        assert [row.status for row in preview.rows] == ["update"] * count
        assert all(len(row.changes) == 3 for row in preview.rows)  # record, status, themes
        return len(queries)

    assert updates(2) == updates(20)

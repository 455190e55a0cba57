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

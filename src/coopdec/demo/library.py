"""The library: a public guide to preparing a cooperation agreement, and a members-only
model agreement."""

from __future__ import annotations

from datetime import date

from coopdec.core.reference import LoadReport
from coopdec.library import services
from coopdec.library.models import Publication

PUBLICATIONS = [
    (
        "Préparer une convention de coopération décentralisée",
        "guide",
        "Les étapes, de la lettre d'intention à la délibération des deux conseils : qui "
        "signe, ce que la convention doit prévoir (objet, durée, instances de suivi, "
        "engagements de chacun) et comment la faire connaître.",
        date(2024, 3, 1),
        True,
    ),
    (
        "Modèle de convention de jumelage-coopération",
        "model_agreement",
        "Un modèle à adapter, article par article, pour les communes et leurs partenaires.",
        date(2023, 9, 15),
        False,
    ),
]


def load_library(report: LoadReport) -> None:
    for title, kind, summary, when, public in PUBLICATIONS:
        if Publication.objects.filter(title=title).exists():
            continue
        publication = Publication(
            title=title, kind=kind, summary=summary, date=when, is_public=public, published=True
        )
        services.write(publication, {})
        report.record(Publication, "created")

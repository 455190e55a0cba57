"""The default follow-up plan, as reference data: before departure, end of mission, +6, +12
and +24 months after the end, each with the default questionnaire. Created when missing,
never overwritten: the federation edits the waves on /volontaires/suivi/."""

from __future__ import annotations

from coopdec.core.reference import LoadReport

from .enums import Anchor
from .models import Questionnaire, Wave
from .questionnaires import DEFAULT_NAME, DEFAULT_QUESTIONS, check

WAVES = [
    # code, order, anchor, months, days, French, English
    ("before", 1, Anchor.START, 0, -30, "Avant le départ", "Before departure"),
    ("end", 2, Anchor.END, 0, 0, "Fin de mission", "End of mission"),
    ("plus-6", 3, Anchor.END, 6, 0, "6 mois après", "6 months after"),
    ("plus-12", 4, Anchor.END, 12, 0, "12 mois après", "12 months after"),
    ("plus-24", 5, Anchor.END, 24, 0, "24 mois après", "24 months after"),
]


def load(report: LoadReport, **options) -> None:
    questionnaire, created = Questionnaire.objects.get_or_create(
        name=DEFAULT_NAME,
        version=1,
        defaults={"questions": check(DEFAULT_QUESTIONS), "source": "coopdec"},
    )
    if created:
        report.record(Questionnaire, "created")
    for code, order, anchor, months, days, french, english in WAVES:
        _wave, created = Wave.objects.get_or_create(
            code=code,
            defaults={
                "order": order,
                "anchor": anchor,
                "months": months,
                "days": days,
                "name_fr": french,
                "name_en": english,
                "questionnaire": questionnaire,
            },
        )
        if created:
            report.record(Wave, "created")

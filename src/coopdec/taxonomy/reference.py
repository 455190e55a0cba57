"""Reference themes and the 17 sustainable development goals."""

from __future__ import annotations

from pathlib import Path

from coopdec.core.reference import LoadReport, read_csv, upsert

from .models import SustainableDevelopmentGoal, Theme

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(report: LoadReport, **_options) -> None:
    for row in read_csv(FIXTURES / "themes.csv"):
        upsert(
            Theme,
            report,
            lookup={"code": row["code"]},
            values={
                "order": int(row["order"]),
                "dac_code": row["dac_code"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
            },
        )
    for row in read_csv(FIXTURES / "sdgs.csv"):
        upsert(
            SustainableDevelopmentGoal,
            report,
            lookup={"number": int(row["number"])},
            values={"name_fr": row["name_fr"], "name_en": row["name_en"]},
        )

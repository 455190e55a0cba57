"""The IATI export against the IATI Standard's own rules beyond the schema (the
Validator's ruleset, kept in iati/standard.json): every date and budget rule of an
activity, read from the ruleset and applied here — budgets of at most a year, dates in
order and not in the future, a start date."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from lxml import etree

from coopdec.demo.data import load_demo
from coopdec.projects.models import FundingLine, Project
from coopdec.territories.models import Currency

pytestmark = pytest.mark.django_db

RULESET = json.loads((Path(__file__).parent / "iati" / "standard.json").read_text("utf-8"))
SCHEMA = Path(__file__).parent / "iati" / "iati-activities-schema.xsd"
# The rule types about dates and budgets, as RULESETS_SPEC.rst defines them.
KNOWN = {"date_order", "time_limit", "atleast_one", "date_now", "between_dates"}


def _date(context, path: str) -> list[date]:
    if path == "NOW":
        return [date.today()]
    return [date.fromisoformat(str(value)[:10]) for value in context.xpath(path)]


def broken_rules(document) -> list[str]:
    """Each error-level rule of those types that the activities break."""
    broken = []
    for where, rules in RULESET.items():
        if not where.startswith("/iati-activities"):
            continue
        for kind, body in rules.items():
            if kind not in KNOWN:
                continue
            for case in body["cases"]:
                info = case["ruleInfo"]
                if info.get("severity") != "error":
                    continue
                for context in document.xpath(where):
                    if "condition" in case and not context.xpath(f"boolean({case['condition']})"):
                        continue
                    if not _holds(kind, case, context):
                        broken.append(f"{info['id']} {info['message']} ({context.tag})")
    return broken


def _holds(kind: str, case: dict, context) -> bool:
    if kind == "atleast_one":
        return any(context.xpath(path) for path in case["paths"])
    if kind == "date_now":
        return all(day <= date.today() for day in _date(context, case["date"]))
    if kind == "date_order":
        less, more = _date(context, case["less"]), _date(context, case["more"])
        return not less or not more or max(less) <= min(more)
    if kind == "time_limit":
        starts, ends = _date(context, case["start"]), _date(context, case["end"])
        return not starts or not ends or ends[0] <= starts[0] + relativedelta(years=1)
    if kind == "between_dates":
        days, starts, ends = (_date(context, case[k]) for k in ("date", "start", "end"))
        return all(starts[0] <= day <= ends[0] for day in days) if starts and ends else True
    raise AssertionError(kind)


def export(tmp_path) -> etree._ElementTree:
    output = tmp_path / "iati.xml"
    call_command("export_iati", "--output", str(output), verbosity=0)
    document = etree.parse(str(output))
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(document)
    return document


def test_the_ruleset_still_holds_the_rules_checked_here():
    found = {
        (case["ruleInfo"]["id"], kind)
        for where, rules in RULESET.items()
        for kind, body in rules.items()
        for case in body.get("cases", [])
        if "ruleInfo" in case
    }
    assert {("7.5.3", "time_limit"), ("8.6.3", "date_order"), ("6.11.1", "atleast_one")} <= found


def test_a_project_over_several_years_gets_a_budget_a_year(kloto_partnership, tmp_path):
    project = kloto_partnership.projects.get()
    Project.objects.filter(pk=project.pk).update(
        start_date=date(2021, 7, 1), end_date=date(2024, 12, 31), status="ongoing"
    )
    euro = Currency.objects.get(code="EUR")
    for day, amount in (
        (date(2022, 3, 1), 5000),
        (date(2023, 9, 1), 7000),
        (date(2025, 2, 1), 300),
    ):
        FundingLine(
            project=project,
            funder_organisation=project.funding_lines.first().funder_organisation,
            instrument="own_funds",
            currency=euro,
            units_per_euro=1,
            planned=amount,
            date=day,
            published=True,
        ).save()
    document = export(tmp_path)
    assert broken_rules(document) == []
    budgets = [
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            b.findtext("value"),
        )
        for b in document.getroot().iter("budget")
    ]
    # The fixture's 1,000 € line of 2024-01-01 joins the 7,000 € of its year; the line
    # dated after the end counts in the last period; a year with nothing planned has none.
    assert budgets == [
        ("2021-07-01", "2022-06-30", "5000.00"),
        ("2023-07-01", "2024-06-30", "8000.00"),
        ("2024-07-01", "2024-12-31", "300.00"),
    ]
    total = sum(Decimal(value) for _start, _end, value in budgets)
    assert total == sum(line.planned_eur for line in project.funding_lines.all())


def test_the_demo_export_breaks_no_rule(tmp_path):
    load_demo()
    assert broken_rules(export(tmp_path)) == []

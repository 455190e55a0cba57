"""French written as French is written, English as English: dates in sentences, amounts
with their currency, elision, and the narrow no-break space before ":" ";" "?" "!" — in
the catalogue and on rendered pages (on both database engines, as every test)."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal

import polib
from django.urls import reverse
from django.utils import translation

from coopdec.core.typography import elide, long_date, money, percent

NNBSP, NBSP = "\u202f", "\u00a0"
CATALOGUE = "src/coopdec/locale/fr/LC_MESSAGES/django.po"
# A mark of high punctuation used as such: followed by a space, a closing sign or the end
# (not "10:30", "https://", "?q=").
HIGH = re.compile(r"(.)([:;?!])(?=[\s)»]|$)")


def french_faults(text: str) -> list[str]:
    """Where high punctuation lacks its narrow no-break space before it."""
    return [
        text[max(0, m.start() - 25) : m.end() + 10]
        for m in HIGH.finditer(text)
        if m.group(1) != NNBSP and m.group(1) not in ":;?!"
    ]


def english_faults(text: str) -> list[str]:
    """Where high punctuation has a space before it, as English never does."""
    return [
        text[max(0, m.start() - 25) : m.end() + 10]
        for m in HIGH.finditer(text)
        if m.group(1) in (" ", NBSP, NNBSP)
    ]


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    body = page[page.index("<body") :]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_dates_in_sentences():
    with translation.override("fr"):
        assert long_date(date(2026, 12, 1)) == "1er décembre 2026"
        assert long_date(date(2026, 12, 3)) == "3 décembre 2026"
        assert long_date(None) == ""
    with translation.override("en"):
        assert long_date(date(2026, 12, 1)) == "1 December 2026"


def test_amounts_carry_their_currency():
    with translation.override("fr"):
        assert money(1_500_000, "XOF") == f"1{NNBSP}500{NNBSP}000{NBSP}F CFA"
        assert money(Decimal("12000"), "EUR") == f"12{NNBSP}000{NBSP}€"
        assert money(None, "EUR") == "—"
        assert percent(Decimal("42.5")) == f"42,5{NNBSP}%"
    with translation.override("en"):
        assert money(12_000, "EUR") == "€12,000"
        assert money(1_500_000, "XOF") == f"XOF{NBSP}1,500,000"
        assert percent(Decimal("42.5")) == "42.5%"


def test_de_is_elided_before_a_vowel_in_french_only():
    with translation.override("fr"):
        assert elide("Nouvelle valeur de Élèves") == "Nouvelle valeur d’Élèves"
        assert elide("Historique de Agou 1") == "Historique d’Agou 1"
        assert elide("Historique de Kloto 1") == "Historique de Kloto 1"
        assert elide("Import de Yaoundé.csv") == "Import de Yaoundé.csv"  # "y": left alone
    with translation.override("en"):
        assert elide("History of de Élèves") == "History of de Élèves"


def test_every_french_message_puts_a_narrow_space_before_high_punctuation():
    faults = []
    for entry in polib.pofile(CATALOGUE):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            faults += [f"{entry.msgid[:40]!r}: {fault!r}" for fault in french_faults(text)]
    assert faults == []


def test_pages_follow_each_language_typography(users, client_for, kloto_partnership):
    """The partnership page (an event, its status history, dates), a project's funding
    table, the dashboard's funding tables and the commune's history with an elided title,
    in French then in English."""
    from coopdec.projects.models import FundingLine, Indicator, Project

    indicator = Indicator.objects.get(project__partnership=kloto_partnership)
    indicator.name = "Élèves scolarisés"
    indicator.save()
    # 12 March: a day that reads differently day first and month first.
    Project.objects.filter(pk=indicator.project_id).update(start_date=date(2024, 3, 12))
    line = FundingLine.objects.get(project=indicator.project_id)
    line.date, line.planned = date(2024, 3, 12), Decimal("2286.74")  # 1 500 003 F CFA
    line.save()
    client = client_for(users["staff"])
    pages = [
        reverse("partnerships:partnership_detail", args=[kloto_partnership.pk]),
        reverse("projects:measurement_create", args=[indicator.pk]),
        reverse("territories:commune_detail", args=["kloto-1"]),
        reverse("inventory:dashboard"),
        reverse("projects:project_detail", args=[indicator.project_id]),
        reverse("projects:project_list"),
    ]
    texts = {}
    for language in ("fr", "en"):
        client.cookies["django_language"] = language
        texts[language] = {path: visible_text(client.get(path).content.decode()) for path in pages}
    partnership, measurement = pages[0], pages[1]
    # The fixture's visit: 2 May 2024, written in a sentence, its kind before a colon.
    assert "2 mai 2024" in texts["fr"][partnership]
    assert f"Visite{NNBSP}: Visite" in texts["fr"][partnership]
    assert "2 May 2024" in texts["en"][partnership]
    assert "Visit: Visite" in texts["en"][partnership]
    assert "Nouvelle valeur d’Élèves scolarisés" in texts["fr"][measurement]
    assert "New value of Élèves scolarisés" in texts["en"][measurement]
    dashboard, project, projects = pages[3], pages[4], pages[5]
    # Amounts carry their currency in every cell, figures of tables dd/mm/yyyy in both.
    assert f"2{NNBSP}287{NBSP}€" in texts["fr"][dashboard]
    assert f"1{NNBSP}500{NNBSP}003{NBSP}F CFA" in texts["fr"][dashboard]
    assert "€2,287" in texts["en"][dashboard]
    assert f"XOF{NBSP}1,500,003" in texts["en"][dashboard]
    assert f"2{NNBSP}286,74{NBSP}€" in texts["fr"][project]
    assert "€2,286.74" in texts["en"][project]
    for language in ("fr", "en"):
        assert "12/03/2024" in texts[language][project]
        assert "12/03/2024" in texts[language][projects]
        assert "03/12/2024" not in texts[language][projects]
    for path in pages:
        assert french_faults(texts["fr"][path]) == [], path
        assert english_faults(texts["en"][path]) == [], path

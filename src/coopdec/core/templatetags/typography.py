"""Punctuation between values a template puts side by side, as the language writes it: in
French a narrow no-break space comes before ":" and ";" ("Visite : Accueil"), in English
none does. The catalogues hold the translated marks."""

from __future__ import annotations

from django import template

from coopdec.core import typography

register = template.Library()


@register.simple_tag
def colon() -> str:
    """ ":" after a label, followed by its value."""
    return typography.colon()


@register.simple_tag
def semicolon() -> str:
    """ ";" between the items of a list."""
    return typography.semicolon()


@register.filter
def elided(text: str) -> str:
    """French elision of "de" before a vowel in a translated sentence (see ``elide``)."""
    return typography.elide(str(text))


@register.filter
def money(amount, currency: str = "XOF") -> str:
    """``{{ amount|money:"EUR" }}``: "12 000 €"; a dash when unknown."""
    return typography.money(amount, currency)


@register.filter
def round_money(amount, currency: str = "XOF") -> str:
    """``{{ total|round_money:"EUR" }}``: "12 000 €" for 12 000,40 €, in a sentence that
    sums amounts."""
    return typography.money(None if amount in (None, "") else round(amount), currency)


@register.simple_tag
def money_range(low, high, currency: str) -> str:
    """``{% money_range low high "EUR" %}``: "10 000 € – 50 000 €", "from €10,000"."""
    return typography.money_range(low, high, currency)


@register.filter
def percent(value, places: int = 1) -> str:
    """``{{ share|percent }}``: "42,5 %"; ``{{ score|percent:0 }}``: "87 %"; a dash when
    unknown."""
    return typography.percent(value, int(places))


@register.filter
def listed(items) -> str:
    """``{{ items|listed }}``: "a ; b ; c" in French, "a; b; c" in English."""
    return typography.listed(items)

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
def percent(value) -> str:
    """``{{ share|percent }}``: "42,5 %"; a dash when unknown."""
    return typography.percent(value)


@register.filter
def listed(items) -> str:
    """``{{ items|listed }}``: "a ; b ; c" in French, "a; b; c" in English."""
    return typography.listed(items)

"""Name normalisation: the one way coopdec compares names of places and bodies.

Search, imports and alias look-ups all go through ``normalize_name`` so that
"Commune de BRESSUIRE (79)", "bressuire" and "Bressuire" are the same key, and
"Kpalimé", "KPALIME" and "kpalime" too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from django.utils.text import slugify

# Words that name the kind of body rather than the body itself ("Mairie de Kpalimé").
_LEADING_KIND = re.compile(
    r"^(?:commune|mairie|ville|municipalite|municipality|city|town|council|conseil municipal)"
    r"\s+(?:de\s+la|de\s+l|des|de|du|d|of)\s+"
)
_KIND_ABBREVIATIONS = [
    (re.compile(r"^communaute\s+(?:de|d)\s+communes\b"), "cc"),
    (re.compile(r"^communaute\s+d\s+agglomeration\b"), "ca"),
    (re.compile(r"^communaute\s+urbaine\b"), "cu"),
]
_PARENTHESISED_CODE = re.compile(
    r"\(\s*([0-9][0-9ab]?[0-9]?)\s*\)", re.IGNORECASE
)  # "(79)", "(2A)", "(974)"
_NON_WORD = re.compile(r"[^0-9a-z]+")
_SAINT = re.compile(r"\b(st|ste)\b")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_text(text: str) -> str:
    """Lower case, no accents, words separated by single spaces; punctuation dropped."""
    folded = strip_accents(text or "").casefold()
    folded = folded.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return " ".join(_NON_WORD.split(folded)).strip()


def normalize_name(name: str) -> str:
    """The comparison key of a place or body name.

    Drops accents, case, punctuation, a department number in parentheses and a leading
    "Commune de" / "Mairie de" / "Ville de"; writes "Communauté de communes" as "cc";
    writes "St"/"Ste" as "saint"/"sainte".
    """
    text = _PARENTHESISED_CODE.sub(" ", strip_accents(name or "").casefold())
    text = normalize_text(text)
    previous = None
    while previous != text:  # "Commune de la Ville de X" → "x"
        previous = text
        text = _LEADING_KIND.sub("", text)
    for pattern, abbreviation in _KIND_ABBREVIATIONS:
        text = pattern.sub(abbreviation, text)
    text = _SAINT.sub(lambda match: "saint" if match.group(1) == "st" else "sainte", text)
    return text.strip()


def department_code(name: str) -> str | None:
    """The department number a name gives in parentheses: "Coulon (79)" → "79"."""
    found = _PARENTHESISED_CODE.search(name or "")
    return found.group(1).upper() if found else None


def search_terms(query: str, *, max_terms: int = 8) -> list[str]:
    """The normalised words of a search query (at most ``max_terms``, longest kept)."""
    words = normalize_name(query).split()
    return words[:max_terms]


def search_document(*names: str) -> str:
    """The text a record is searched by: its names normalised, words padded by spaces.

    Padding lets one portable ``LIKE '% word%'`` test match the start of any word, on
    SQLite and PostgreSQL alike.
    """
    words: list[str] = []
    for name in names:
        for word in normalize_name(name).split():
            if word not in words:
                words.append(word)
    return f" {' '.join(words)} "


def free_slug(name: str, taken: Callable[[str], bool], *, fallback: str, length: int = 200) -> str:
    """The address name of ``name`` that ``taken`` says is free: "coulon", else "coulon-2"…"""
    base = slugify(name)[:length] or fallback
    slug, number = base, 1
    while taken(slug):
        number += 1
        slug = f"{base}-{number}"
    return slug

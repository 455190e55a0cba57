"""A password check Django does not ship: the words of this product and its place, with
digits and signs around them, are guessed first ("coopdec2024", "Togo@2025!")."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WORDS = frozenset(
    {
        "coopdec",
        "cooperation",
        "faitiere",
        "fct",
        "commune",
        "communes",
        "mairie",
        "togo",
        "lome",
        "kpalime",
        "jumelage",
        "partenariat",
        "motdepasse",
        "password",
        "azerty",
        "azertyuiop",
        "qwertyuiop",
        "qsdfghjklm",
        "asdfghjkl",
        "qwerty",
        "admin",
        "bienvenue",
        "welcome",
    }
)


def _letters(password: str) -> str:
    plain = unicodedata.normalize("NFKD", password).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


class PlaceWordsValidator:
    """Refuses a password that is one of ``WORDS`` (or several of them), once the digits
    and signs are taken away."""

    def validate(self, password: str, user=None) -> None:
        letters = _letters(password)
        rest = letters
        for word in sorted(WORDS, key=len, reverse=True):
            rest = rest.replace(word, "")
        if letters and not rest:
            raise ValidationError(
                _("This password is made of words anyone would try first here."),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _("Not only this site's or the country's name with digits.")

"""The words people use for themes, kinds and statuses, beside the labels coopdec gives
them: reference data in ``fixtures/vocabulary.csv`` (vocabulary, word, meaning), not code.

Words are compared normalised (case, accents, punctuation). A word that would mean two
things in one vocabulary is an error of the file, refused when it is read.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from coopdec.core.text import normalize_text

FILE = Path(__file__).resolve().parent / "fixtures" / "vocabulary.csv"


class VocabularyError(ValueError):
    """The vocabulary file says one word means two things."""


def read(path: Path) -> dict[str, dict[str, str]]:
    """{vocabulary: {normalised word: meaning}} from a vocabulary file."""
    found: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 2):
            words = found.setdefault(row["vocabulary"], {})
            word, meaning = normalize_text(row["word"]), row["meaning"].strip()
            if words.get(word, meaning) != meaning:
                raise VocabularyError(
                    f"{path.name}, line {number}: “{row['word']}” means both "
                    f"{words[word]} and {meaning} in {row['vocabulary']}"
                )
            words[word] = meaning
    return found


@functools.cache
def _vocabularies() -> dict[str, dict[str, str]]:
    return read(FILE)


def words(vocabulary: str) -> dict[str, str]:
    """The words of one vocabulary: normalised word → meaning (a code)."""
    return _vocabularies().get(vocabulary, {})

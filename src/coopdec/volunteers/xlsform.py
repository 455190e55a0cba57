"""A questionnaire written as an XLSForm (the spreadsheet format of ODK and KoboToolbox),
read by pyxform and turned into coopdec's questions.

Each top-level group is a page; questions outside any group make a page of their own run.
Labels in French and English (``label::Français (fr)``, ``label::English (en)``…) become
both languages; a single ``label`` column serves both. Only the question types a phone form
without JavaScript can ask are taken; any other type is refused by name, with nothing
stored."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyxform import xls2json
from pyxform.errors import PyXFormError

from . import questionnaires
from .enums import QuestionType

TYPES = {
    "select one": QuestionType.SELECT_ONE,
    "select all that apply": QuestionType.SELECT_MULTIPLE,
    "integer": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "text": QuestionType.TEXT,
    "date": QuestionType.DATE,
    "note": QuestionType.NOTE,
}
# What pyxform adds by itself (the form's metadata): not questions.
IGNORED = {"meta"}
MAX_BYTES = 2 * 1024 * 1024


def read(upload) -> list[dict]:
    """The questions of an uploaded XLSForm (.xlsx), checked; a ValidationError naming
    every problem otherwise."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("This file is larger than 2 MB: it is not a questionnaire."))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "questionnaire.xlsx"
        path.write_bytes(upload.read())
        try:
            form = xls2json.parse_file_to_json(str(path))
        except PyXFormError as error:
            raise ValidationError(
                _("This XLSForm cannot be read: %(error)s") % {"error": error}
            ) from error
        except Exception as error:  # a damaged file: openpyxl's or zipfile's own errors
            raise ValidationError(
                _("This file is not an XLSForm spreadsheet (.xlsx) that can be opened.")
            ) from error
    return questionnaires.check(questions(form.get("children", [])))


def questions(children: list[dict]) -> list[dict]:
    found: list[dict] = []
    problems: list[str] = []
    page = 0
    loose = False  # the current page holds questions outside any group
    for child in children:
        if child.get("name") in IGNORED and child.get("type") == "group":
            continue
        if child.get("type") == "group":
            page += 1
            loose = False
            for inner in child.get("children", []):
                _take(inner, page, found, problems)
            continue
        if not loose:
            page += 1
            loose = True
        _take(child, page, found, problems)
    if problems:
        raise ValidationError(problems)
    return found


def _take(child: dict, page: int, found: list[dict], problems: list[str]) -> None:
    kind = TYPES.get(child.get("type", ""))
    name = child.get("name", "")
    if kind is None:
        problems.append(
            _("Question “%(name)s”: the type “%(type)s” cannot be asked here.")
            % {"name": name, "type": child.get("type", "")}
        )
        return
    found.append(
        {
            "name": name,
            "type": kind,
            "page": page,
            "label": _languages(child.get("label", "")),
            "choices": [
                {"value": str(choice.get("name", "")), "label": _languages(choice.get("label", ""))}
                for choice in child.get("choices", [])
            ],
            "required": str(child.get("bind", {}).get("required", "")).lower()
            in ("yes", "true", "true()"),
        }
    )


def _languages(label: Any) -> dict[str, str]:
    """{"fr", "en"} from pyxform's label: a string, or a dict by language name."""
    if isinstance(label, str):
        return {"fr": label, "en": label}
    found: dict[str, str] = {}
    for language, text in (label or {}).items():
        lowered = language.lower()
        if "(fr)" in lowered or lowered.startswith(("fr", "français", "francais")):
            found["fr"] = text
        elif "(en)" in lowered or lowered.startswith(("en", "english", "anglais")):
            found["en"] = text
        else:
            found.setdefault("fr", text)
    return found

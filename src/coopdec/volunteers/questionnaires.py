"""Questionnaires as data: the default follow-up questionnaire, the check every
questionnaire passes before it is stored, and the form each page of it becomes.

A question is ``{"name", "type", "page", "label": {"fr", "en"}, "choices": [{"value",
"label": {"fr", "en"}}], "required"}``. The default questionnaire asks what the person
does now (studies, employment), the skills they rate themselves on, their continued
engagement and their own view of the mission's impact: the dimensions of the International
Volunteering Impacts Survey (Center for Social Development), in our own words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .enums import QuestionType

DEFAULT_NAME = "suivi-volontaires"

# Answers to "what do you do now" that count as "in employment or studies".
ACTIVE = ("studies", "employed", "self_employed")
# The questions rated from 1 (not at all) to 5 (very much) that make "self-rated skills".
SKILLS = ("skill_intercultural", "skill_languages", "skill_projects", "skill_confidence")


def _label(fr: str, en: str) -> dict[str, str]:
    return {"fr": fr, "en": en}


def _choices(*pairs: tuple[str, str, str]) -> list[dict]:
    return [{"value": value, "label": _label(fr, en)} for value, fr, en in pairs]


SCALE = _choices(
    ("1", "1 – pas du tout", "1 – not at all"),
    ("2", "2", "2"),
    ("3", "3", "3"),
    ("4", "4", "4"),
    ("5", "5 – tout à fait", "5 – very much"),
)


def _scale(name: str, fr: str, en: str) -> dict:
    return {
        "name": name,
        "type": QuestionType.SELECT_ONE,
        "page": 2,
        "label": _label(fr, en),
        "choices": SCALE,
        "required": False,
    }


DEFAULT_QUESTIONS: list[dict] = [
    {
        "name": "situation",
        "type": QuestionType.SELECT_MULTIPLE,
        "page": 1,
        "label": _label("Que faites-vous aujourd’hui ?", "What do you do now?"),
        "choices": _choices(
            ("studies", "Des études ou une formation", "Studies or training"),
            ("employed", "Un emploi salarié", "Paid employment"),
            ("self_employed", "Un travail indépendant", "Self-employment"),
            ("job_seeking", "Je cherche un emploi", "Looking for work"),
            ("volunteering", "Un autre volontariat", "Another volunteering"),
            ("other", "Autre chose", "Something else"),
        ),
        "required": True,
    },
    {
        "name": "related",
        "type": QuestionType.SELECT_ONE,
        "page": 1,
        "label": _label(
            "Cette activité a-t-elle un lien avec votre mission ?",
            "Is this activity related to your mission?",
        ),
        "choices": _choices(
            ("yes", "Oui", "Yes"), ("partly", "En partie", "Partly"), ("no", "Non", "No")
        ),
        "required": False,
    },
    _scale(
        "skill_intercultural",
        "Je suis à l’aise avec des personnes d’une autre culture.",
        "I am at ease with people of another culture.",
    ),
    _scale(
        "skill_languages",
        "Je peux travailler dans une autre langue.",
        "I can work in another language.",
    ),
    _scale(
        "skill_projects",
        "Je sais mener un projet avec des partenaires.",
        "I can run a project with partners.",
    ),
    _scale(
        "skill_confidence",
        "J’ai confiance dans mes projets d’avenir.",
        "I am confident about my plans for the future.",
    ),
    {
        "name": "engagement",
        "type": QuestionType.SELECT_MULTIPLE,
        "page": 3,
        "label": _label(
            "Depuis la mission, vous êtes engagé ou engagée…",
            "Since the mission, you have been involved…",
        ),
        "choices": _choices(
            ("volunteering", "dans du bénévolat", "as a volunteer"),
            ("association", "dans une association", "in an association"),
            ("local_government", "auprès d’une collectivité", "with a local government"),
            ("international", "dans un travail international", "in international work"),
        ),
        "required": False,
    },
    {
        "name": "impact",
        "type": QuestionType.SELECT_ONE,
        "page": 4,
        "label": _label(
            "La mission a-t-elle changé votre parcours ?", "Has the mission changed your path?"
        ),
        "choices": SCALE,
        "required": False,
    },
    {
        "name": "comment",
        "type": QuestionType.TEXT,
        "page": 4,
        "label": _label(
            "Un mot sur ce que la mission vous a apporté (facultatif)",
            "A word on what the mission gave you (optional)",
        ),
        "choices": [],
        "required": False,
    },
]

TYPES_WITH_CHOICES = {QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE}


def check(questions: Any) -> list[dict]:
    """The questions if they make a questionnaire; a ValidationError saying what is wrong
    (in the reader's language) otherwise."""
    if not isinstance(questions, list) or not questions:
        raise ValidationError(_("A questionnaire needs at least one question."))
    seen: set[str] = set()
    problems = []
    for number, question in enumerate(questions, start=1):
        name = str(question.get("name") or "")
        kind = question.get("type")
        if not name.isidentifier():
            problems.append(
                _("Question %(number)s: its name “%(name)s” is not a plain identifier.")
                % {"number": number, "name": name}
            )
        elif name in seen:
            problems.append(_("The question name “%(name)s” is used twice.") % {"name": name})
        seen.add(name)
        if kind not in QuestionType.values:
            problems.append(
                _("Question %(number)s: unknown type “%(type)s”.")
                % {"number": number, "type": kind}
            )
        elif kind in TYPES_WITH_CHOICES and not question.get("choices"):
            problems.append(_("Question %(number)s has no choices.") % {"number": number})
        label = question.get("label") or {}
        if not (label.get("fr") or label.get("en")):
            problems.append(_("Question %(number)s has no wording.") % {"number": number})
        if not isinstance(question.get("page"), int) or question["page"] < 1:
            problems.append(_("Question %(number)s has no page.") % {"number": number})
    if problems:
        raise ValidationError(problems)
    return questions


def pages(questions: list[dict]) -> list[int]:
    return sorted({question["page"] for question in questions})


def text(label: dict[str, str]) -> str:
    """A label in the active language, or the other one when it has only that."""
    language = (get_language() or "fr")[:2]
    return label.get(language) or label.get("fr") or label.get("en") or ""


def page_form(questions: list[dict], page: int, data=None, initial=None) -> forms.Form:
    """The form of one page: one field a question of the page, no JavaScript needed."""
    form = forms.Form(data, initial=initial)
    for question in questions:
        if question["page"] != page:
            continue
        form.fields[question["name"]] = field(question)
    return form


def field(question: dict) -> forms.Field:
    label = text(question["label"])
    required = bool(question.get("required"))
    kind = question["type"]
    choices = [(choice["value"], text(choice["label"])) for choice in question.get("choices", [])]
    if kind == QuestionType.SELECT_ONE:
        return forms.ChoiceField(
            label=label, required=required, choices=choices, widget=forms.RadioSelect
        )
    if kind == QuestionType.SELECT_MULTIPLE:
        return forms.MultipleChoiceField(
            label=label, required=required, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    if kind == QuestionType.INTEGER:
        return forms.IntegerField(label=label, required=required)
    if kind == QuestionType.DECIMAL:
        return forms.DecimalField(label=label, required=required)
    if kind == QuestionType.DATE:
        return forms.DateField(label=label, required=required)
    if kind == QuestionType.NOTE:
        return forms.CharField(label=label, required=False, widget=forms.HiddenInput)
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def stored(value: Any) -> Any:
    """A cleaned value as JSON keeps it."""
    if value is None or isinstance(value, (str, int, list, bool)):
        return value
    return str(value)


def free_text(questions: list[dict]) -> set[str]:
    """The questions whose answers are the person's own words (may name them)."""
    return {question["name"] for question in questions if question["type"] == QuestionType.TEXT}


def indicators(values: dict) -> dict:
    """The impact indicators an answer gives (None where it says nothing): in employment or
    studies, the mean of the self-rated skills, still engaged, their view of the impact."""
    situation = values.get("situation")
    rated = [int(values[name]) for name in SKILLS if str(values.get(name) or "").isdigit()]
    engagement = values.get("engagement")
    impact = str(values.get("impact") or "")
    return {
        "active": bool(set(situation) & set(ACTIVE)) if situation else None,
        "skills": sum(rated) / len(rated) if rated else None,
        "engaged": bool(engagement)
        if isinstance(engagement, list) and "engagement" in values
        else None,
        "impact": int(impact) if impact.isdigit() else None,
    }

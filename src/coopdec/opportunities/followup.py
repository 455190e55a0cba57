"""Reach and response: how many communes each opportunity reached, how many saw it, and how
far they went, per opportunity, per region and per kind. Counted from the communes'
``Response`` rows in the database (one query a table)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from coopdec.core.exports import Export

from .enums import Answer, OpportunityKind
from .models import Response

# Each figure: its column title and the responses it counts. "Interested" counts every
# commune that went at least that far; so does "applied".
FIGURES = [
    ("reached", _("Reached"), Q(notified_at__isnull=False)),
    ("seen", _("Seen"), Q(seen_at__isnull=False)),
    (
        "interested",
        _("Interested"),
        Q(answer__in=[Answer.INTERESTED, Answer.APPLIED, Answer.SELECTED, Answer.NOT_SELECTED]),
    ),
    ("applied", _("Applied"), Q(answer__in=[Answer.APPLIED, Answer.SELECTED, Answer.NOT_SELECTED])),
    ("selected", _("Selected"), Q(answer=Answer.SELECTED)),
    ("not_selected", _("Not selected"), Q(answer=Answer.NOT_SELECTED)),
    ("declined", _("Not interested"), Q(answer=Answer.DECLINED)),
]

# What a table is grouped by: the response field, its column title.
GROUPS = {
    "opportunities": ("opportunity__title", _("Opportunity")),
    "regions": ("commune__parent__parent__name", _("Region")),
    "kinds": ("opportunity__kind", _("Kind")),
}
KEYS = {
    "opportunities": ["opportunity", "opportunity__title", "opportunity__kind"],
    "regions": ["commune__parent__parent__name"],
    "kinds": ["opportunity__kind"],
}


def figures(group: str, responses=None) -> list[dict]:
    """One dict a row: the group's name under "name", then each figure by key."""
    responses = responses if responses is not None else Response.objects.all()
    field, _title = GROUPS[group]
    counts = {key: Count("pk", filter=condition) for key, _label, condition in FIGURES}
    rows = responses.values(*KEYS[group]).annotate(**counts).order_by(field)
    for row in rows:
        row["name"] = row[field]
        if group == "kinds":
            row["name"] = OpportunityKind(row[field]).label
        row["cells"] = [(key, row[key]) for key, _label, _condition in FIGURES]
    return list(rows)


def table(group: str, responses=None) -> Export:
    _field, title = GROUPS[group]
    rows = figures(group, responses)
    return Export(
        key=f"suivi-{group}",
        columns=[title, *(label for _key, label, _c in FIGURES)],
        rows=[[row["name"], *(value for _key, value in row["cells"])] for row in rows],
    )

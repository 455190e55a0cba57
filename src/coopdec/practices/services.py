"""Writing good practices, and what their pages read: one way for the forms, the demo data
and tests."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coopdec.core.text import search_document
from coopdec.partnerships.models import Partnership
from coopdec.programmes import services as programmes
from coopdec.programmes.models import Programme
from coopdec.projects.models import Indicator, Measurement, Project
from coopdec.review.registry import write_fields
from coopdec.territories.models import Area

from .models import GoodPractice

LINKS = ("projects", "partnerships", "programmes")


def check_links(values: dict) -> None:
    """A good practice comes from something recorded: a project, a partnership or a
    programme."""
    if not any(values.get(name) for name in LINKS):
        raise ValidationError(
            _("Link the practice to at least one project, partnership or programme it comes from.")
        )


def linked_partnerships(practice: GoodPractice) -> QuerySet[Partnership]:
    """Every partnership behind the practice: linked, of its projects, of its programmes."""
    return Partnership.objects.filter(
        pk__in=[
            *practice.partnerships.values_list("pk", flat=True),
            *practice.projects.values_list("partnership_id", flat=True),
            *Programme.partnerships.through.objects.filter(
                programme__in=practice.programmes.values("pk")
            ).values_list("partnership_id", flat=True),
        ]
    )


def places_of(partnerships: QuerySet[Partnership]) -> QuerySet[Area]:
    """The local governments of ``partnerships``: their communes and their partners."""
    keys = set(partnerships.values_list("local_government_id", flat=True))
    keys |= set(
        Partnership.partner_governments.through.objects.filter(
            partnership__in=partnerships
        ).values_list("area_id", flat=True)
    )
    return Area.objects.filter(pk__in=keys)


def shown_places(practice: GoodPractice, visible: QuerySet[Partnership]) -> QuerySet[Area]:
    """The local governments a reader sees the practice concerns: those of the partnerships
    behind it that the reader may see (``visible``), so that a partnership kept private
    is not told by its partners' names."""
    return places_of(visible.filter(pk__in=linked_partnerships(practice).values("pk")))


@transaction.atomic
def write(practice: GoodPractice, values: dict) -> None:
    """Save the practice with ``values``; keep the local governments and countries it
    concerns (from its linked records) and its search words."""
    check_links(
        {
            name: values.get(name, getattr(practice, name).all() if practice.pk else [])
            for name in LINKS
        }
    )
    write_fields(practice, values)
    places = places_of(linked_partnerships(practice))
    practice.places.set(places)
    practice.countries.set(set(places.values_list("country_id", flat=True)))
    practice.search_text = search_document(
        practice.title, practice.summary, practice.context, practice.actions, practice.lessons
    )
    GoodPractice.objects.filter(pk=practice.pk).update(search_text=practice.search_text)


def draft_from(project: Project) -> dict:
    """A first draft of a practice from a project's own data: the form's initial values."""
    lines = [
        _("%(name)s: from %(baseline)s to %(value)s %(unit)s (target %(target)s).")
        % {
            "name": indicator.name,
            "baseline": _number(indicator.baseline),
            "value": _number(latest) if latest is not None else "?",
            "unit": indicator.unit,
            "target": _number(indicator.target),
        }
        for indicator, latest in measured(Indicator.objects.published().filter(project=project))
    ]
    return {
        "title": project.title,
        "summary": project.summary,
        "context": project.summary,
        "actions": project.objectives,
        "results": "\n".join(lines),
        "projects": [project],
        "partnerships": [project.partnership],
        "themes": list(project.themes.all()),
        "goals": list(project.goals.all()),
    }


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def measured(indicators: QuerySet[Indicator]) -> list[tuple[Indicator, Decimal | None]]:
    """Each indicator with its latest measured value (None when not measured)."""
    found = list(indicators.select_related("project").order_by("project_id", "pk"))
    latest = Measurement.objects.published().latest_values(found)
    return [(indicator, latest.get(indicator.pk)) for indicator in found]


def practice_indicators(practice: GoodPractice, projects: QuerySet[Project]):
    """The measured indicators of the practice's linked projects among ``projects`` (those
    the reader may see), and of its programmes' projects."""
    linked = set(practice.projects.values_list("pk", flat=True))
    for programme in practice.programmes.all():
        linked |= set(programmes.projects(programme).values_list("pk", flat=True))
    return measured(
        Indicator.objects.published().filter(project__in=projects.filter(pk__in=linked))
    )


def like(area: Area, limit: int = 5) -> QuerySet[GoodPractice]:
    """Validated practices from other communes of the same size class as ``area``, sharing
    a theme with its partnerships' projects when it has some; newest first."""
    found = GoodPractice.objects.published().exclude(
        pk__in=GoodPractice.places.through.objects.filter(area=area).values("goodpractice")
    )
    if area.size_class:
        found = found.of_size(area.size_class)
    themes = Project.themes.through.objects.filter(
        project__partnership__local_government=area
    ).values("theme")
    with_theme = found.filter(
        pk__in=GoodPractice.themes.through.objects.filter(theme__in=themes).values("goodpractice")
    )
    if with_theme.exists():
        found = with_theme
    return found.order_by("-created_at", "-pk")[:limit]

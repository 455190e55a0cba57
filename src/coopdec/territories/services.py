"""Recording local governments abroad (a French commune, a department…) where they are
needed. The federation's own communes are reference data (``reference.py``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coopdec.core.collation import by_name
from coopdec.core.text import free_slug, normalize_name

from .models import AdminLevel, Area


def build_local_government(
    *, name: str, level: AdminLevel, parent: Area | None = None, official_code: str = ""
) -> tuple[Area, dict]:
    """An unsaved local government and the values to save through review, with an address
    name free at its level. Nothing is written."""
    area = Area(country=level.country, level=level)
    area.slug = free_slug(
        name,
        lambda slug: Area.objects.filter(level=level, slug=slug).exists(),
        fallback="collectivite",
    )
    values = {
        "name": name,
        "country": level.country,
        "level": level,
        "parent": parent,
        "official_code": official_code,
    }
    return area, values


def similar_local_governments(*, name: str, country, official_code: str = "") -> QuerySet[Area]:
    """Local governments of ``country`` with the same name once normalised ("Commune de
    COULON (79)" is "Coulon"), or the same official code."""
    same = Q(name_key=normalize_name(name))
    if official_code:
        same |= Q(official_code__iexact=official_code)
    return (
        Area.objects.filter(country=country, level__is_local_government=True)
        .filter(same)
        .select_related("country", "level", "parent")
        .order_by(by_name("name"), "pk")
    )


def describe(area: Area) -> str:
    """A local government as a picker lists it: "Coulon (Commune, Deux-Sèvres, France)"."""
    parent = [area.parent.name] if area.parent is not None else []
    where = [str(area.level), *parent, area.country.name]
    return f"{area.name} ({', '.join(where)})"

"""The atlas's figures and maps as snapshots (``core.snapshots``): rendered once per version
of the data and language, by the page or by the worker alike."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from coopdec.core import snapshots

from . import atlas, maps

HOME, MAP, WORLD = "atlas-home", "atlas-map", "atlas-world"


def _home_map(markers: list[dict[str, Any]]) -> dict[str, object]:
    return maps.home_map(atlas.home_country().numeric, markers)


def home_context(query: QueryDict) -> dict[str, Any]:
    _level, markers = atlas.map_markers()
    return {
        "figures": atlas.figures(),
        "map": _home_map(markers),
        "latest": list(
            atlas.partnerships().select_related("local_government").order_by("-updated_at")[:5]
        ),
        "practices": list(atlas.practices_listed()[:3]),
        "news": list(atlas.news_listed()[:3]),
    }


def _by_region(markers) -> dict[object, list]:
    regions: dict[object, list] = {}
    for marker in markers:
        regions.setdefault(marker["region"], []).append(marker)
    return regions


def map_context(query: QueryDict) -> dict[str, Any]:
    level, markers = atlas.map_markers()
    return {"map": _home_map(markers), "regions": _by_region(markers), "level": level}


def world_context(query: QueryDict) -> dict[str, Any]:
    countries = atlas.partner_countries()
    counts = {country.numeric: n for country, n in countries}
    links = {country.numeric: (country.name, country.get_public_url()) for country, _n in countries}
    world = maps.world_map(counts)
    shapes: list[dict[str, Any]] = world["countries"]  # type: ignore[assignment]
    for shape in shapes:
        shape["name"], shape["url"] = links.get(shape["code"], ("", ""))
    return {"world": {"map": world, "countries": countries}}


def register() -> None:
    snapshots.register(HOME, "public/_home_figures.html", home_context)
    snapshots.register(MAP, "public/_map_figures.html", map_context)
    snapshots.register(WORLD, "public/_world_figures.html", world_context)

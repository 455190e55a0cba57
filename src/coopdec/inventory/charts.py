"""The dashboard's map, drawn on the server as SVG: the share of communes with an active
partnership, region by region, on the country's outline. The table of the same figures and
its downloads are beside it on the page (what a screen reader reads)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from coopdec.core.collation import sort_key
from coopdec.territories import outlines
from coopdec.territories.models import Area, Country

from .stats import Filters, communes_with_active

# Five shades, from "no commune" to "every commune"; index = share // 20, capped.
STEPS = 5


@dataclass(frozen=True)
class Region:
    area: Area
    communes: int
    with_active: int
    path: str
    # Where its name goes on the map.
    x: float
    y: float

    @property
    def share(self) -> Decimal:
        if not self.communes:
            return Decimal(0)
        return (Decimal(self.with_active * 100) / self.communes).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    @property
    def step(self) -> int:
        return min(STEPS - 1, int(self.share // (100 // STEPS)))


def _region_shapes(numeric: str, seats: dict[int, list[tuple[float, float]]]) -> dict:
    """Each recorded region outline given to the region (by pk) most of whose communes'
    seats lie inside it: names differ between sources ("Centre", "Centrale"), seats do not."""
    found = {}
    for rings in outlines.regions(numeric):
        lons = [lon for ring in rings for lon, _lat in ring]
        lats = [lat for ring in rings for _lon, lat in ring]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        votes = Counter[int]()
        for region, points in seats.items():
            for lon, lat in points:
                if west <= lon <= east and south <= lat <= north:
                    votes[region] += outlines.contains(rings, lon, lat)
        if votes and votes.most_common(1)[0][1] > 0:
            found[votes.most_common(1)[0][0]] = rings
    return found


def active_by_region(filters: Filters) -> dict | None:
    """The choropleth of "communes with an active partnership", or None when the country
    has no region outlines."""
    numeric = Country.objects.get(code=settings.COOPDEC_HOME_COUNTRY).numeric
    if not outlines.regions(numeric):
        return None
    totals, with_active = Counter[int](), Counter[int]()
    seats: dict[int, list[tuple[float, float]]] = defaultdict(list)
    regions: dict[int, Area] = {}
    for commune, active in communes_with_active(filters, Area.objects.communes()):
        region = commune.region
        if region is None:
            continue
        regions[region.pk] = region
        totals[region.pk] += 1
        with_active[region.pk] += active
        if commune.latitude is not None and commune.longitude is not None:
            seats[region.pk].append((float(commune.longitude), float(commune.latitude)))
    frame = outlines.frame(numeric)
    shown = filters.region or (filters.prefecture.region if filters.prefecture else None)
    drawn = []
    for pk, rings in _region_shapes(numeric, seats).items():
        points = [frame.project(lon, lat) for lon, lat in seats[pk]]
        drawn.append(
            Region(
                area=regions[pk],
                communes=totals[pk],
                with_active=with_active[pk],
                path=outlines.path(rings, frame.project),
                x=round(sum(x for x, _y in points) / len(points), 1),
                y=round(sum(y for _x, y in points) / len(points), 1),
            )
        )
    drawn.sort(key=lambda region: sort_key(region.area.name))
    return {
        "width": frame.width,
        "height": outlines.HOME_HEIGHT,
        "outline": frame.outline,
        "regions": drawn,
        "chosen": shown,
        "steps": [(step, step * 100 // STEPS, (step + 1) * 100 // STEPS) for step in range(STEPS)],
    }

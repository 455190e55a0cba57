"""The headline figures, as a national report writes them: how many partnerships, how many
active, how many communes take part, with how many countries, North-South and South-South —
each with its share and its definition. One implementation for the dashboard, its
downloads and ``coopdec figures``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.partnerships.enums import PartnershipStatus
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import Area

from .stats import Filters, Table, partnerships


@dataclass(frozen=True)
class Figure:
    key: str
    label: StrOrPromise
    count: int
    # The whole the share is taken of (None: a count without a share).
    of: int | None
    definition: StrOrPromise

    @property
    def share(self) -> Decimal | None:
        """The percentage, to one decimal (half up, as people round)."""
        if not self.of:
            return None
        return (Decimal(self.count * 100) / self.of).quantize(Decimal("0.1"), ROUND_HALF_UP)


def communes(filters: Filters):
    """The federation's communes the figures speak of: all, or those of a region or
    prefecture, at any depth below it."""
    place = filters.prefecture or filters.region
    found = Area.objects.communes()
    return found.inside(place) if place is not None else found


def headline(filters: Filters) -> list[Figure]:
    scoped = partnerships(filters)
    active = scoped.filter(status=PartnershipStatus.ACTIVE)
    total, active_count = scoped.count(), active.count()
    home = communes(filters)
    home_count = home.count()
    with_any = scoped.filter(local_government__in=home).values("local_government").distinct()
    with_active = active.filter(local_government__in=home).values("local_government").distinct()
    countries = Partnership.partner_governments.through.objects.filter(
        partnership__in=scoped
    ).aggregate(n=Count("area__country", distinct=True))["n"]
    north_all, north_active = scoped.north_south().count(), active.north_south().count()
    return [
        Figure(
            "partnerships",
            _("Partnerships"),
            total,
            None,
            _("Partnerships validated by the federation, whatever their status."),
        ),
        Figure(
            "active",
            _("Active partnerships"),
            active_count,
            total,
            _("Partnerships whose status is active; share of all partnerships."),
        ),
        Figure(
            "communes_with_partnership",
            _("Communes with a partnership"),
            with_any.count(),
            home_count,
            _("Communes with at least one partnership of any status; share of all communes."),
        ),
        Figure(
            "communes_with_active",
            _("Communes with an active partnership"),
            with_active.count(),
            home_count,
            _("Communes with at least one active partnership; share of all communes."),
        ),
        Figure(
            "partner_countries",
            _("Partner countries"),
            countries,
            None,
            _("Countries of the partner local governments."),
        ),
        Figure(
            "north_south",
            _("North-South"),
            north_all,
            total,
            _(
                "Partnerships with a local government of a country of the OECD Development "
                "Assistance Committee; share of all partnerships."
            ),
        ),
        Figure(
            "south_south",
            _("South-South"),
            total - north_all,
            total,
            _("The other partnerships; share of all partnerships."),
        ),
        Figure(
            "north_south_active",
            _("North-South, active"),
            north_active,
            active_count,
            _("Active North-South partnerships; share of the active partnerships."),
        ),
        Figure(
            "south_south_active",
            _("South-South, active"),
            active_count - north_active,
            active_count,
            _("Active South-South partnerships; share of the active partnerships."),
        ),
    ]


def headline_table(filters: Filters, limit: int | None = None) -> Table:
    """The figures as a table, for the downloads."""
    return Table(
        "headline",
        _("Key figures"),
        [_("Figure"), _("Count"), _("Out of"), _("Share (%)"), _("Definition")],
        [
            [figure.label, figure.count, figure.of, figure.share, figure.definition]
            for figure in headline(filters)
        ],
        chart_value=None,
    )


def as_json(figures: list[Figure]) -> dict:
    return {
        figure.key: {
            "label": str(figure.label),
            "count": figure.count,
            "of": figure.of,
            "share": float(figure.share) if figure.share is not None else None,
            "definition": str(figure.definition),
        }
        for figure in figures
    }

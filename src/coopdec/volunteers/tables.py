"""The volunteering figures as tables (page, chart, CSV and XLSX alike)."""

from __future__ import annotations

from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import sort_key
from coopdec.core.tables import Table
from coopdec.core.templatetags.cells import MEAN, PERCENT
from coopdec.directory.models import Organisation
from coopdec.partnerships.models import Partnership
from coopdec.taxonomy.models import Theme
from coopdec.territories.models import Country

from . import figures
from .enums import Scheme


def cohort_table(filters: figures.Filters) -> Table:
    rows = [
        [
            row["wave"],
            row["sent"],
            row["answered"],
            row["rate"],
            row["active"],
            row["engaged"],
            row["skills"],
            row["skills_change"],
            row["impact"],
        ]
        for row in figures.cohort(filters)
    ]
    return Table(
        "cohort-waves",
        _("Follow-up, wave by wave"),
        [
            _("Wave"),
            _("Invited"),
            _("Answered"),
            _("Response rate"),
            _("In employment or studies"),
            _("Still engaged"),
            _("Self-rated skills (1 to 5)"),
            _("Change since the first wave"),
            _("Impact on their path (1 to 5)"),
        ],
        rows,
        currencies={3: PERCENT, 4: PERCENT, 5: PERCENT, 6: MEAN, 7: MEAN, 8: MEAN},
        chart_value=3,
        note=_(
            "Shares and means are taken over the answers that say; “< 5” stands for 1 to 4 "
            "people, and a share or mean over fewer than 5 answers is not shown."
        ),
    )


def _by(filters: figures.Filters, key: str, title, column, field, model=None, limit=None) -> Table:
    """Missions counted by one of their links (``field``, a name or an expression), largest
    first; ``model`` names the linked records. With ``limit``, the first rows only (the
    downloads have them all), and only their names are read."""
    counted = figures.missions(filters).annotate(
        link=field if not isinstance(field, str) else F(field)
    )
    rows = (
        counted.exclude(link__isnull=True)
        .values("link")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    counts = sorted(((row["n"], row["link"]) for row in rows), key=lambda row: (-row[0], row[1]))
    shown = counts if limit is None else counts[:limit]
    links = [link for _count, link in shown]
    names = model.objects.in_bulk(links) if model else dict(Scheme.choices)
    found = sorted(
        ((names.get(link, link), count) for count, link in shown),
        key=lambda row: (-row[1], sort_key(str(row[0]))),
    )
    return Table(
        key,
        title,
        [column, _("Missions")],
        [[label, figures.people(count)] for label, count in found],
        more=len(counts) - len(shown),
    )


def _builders() -> dict:
    host_country = Coalesce("host_government__country", "host_organisation__country")

    def by(key, title, column, field, model=None):
        return lambda filters, limit=None: _by(filters, key, title, column, field, model, limit)

    return {
        "cohort-waves": lambda filters, limit=None: cohort_table(filters),
        "missions-schemes": by("missions-schemes", _("Missions by scheme"), _("Scheme"), "scheme"),
        "missions-partnerships": by(
            "missions-partnerships",
            _("Missions by partnership"),
            _("Partnership"),
            "partnership",
            Partnership,
        ),
        "missions-countries": by(
            "missions-countries",
            _("Missions by host country"),
            _("Country"),
            host_country,
            Country,
        ),
        "missions-themes": by(
            "missions-themes", _("Missions by theme"), _("Theme"), "themes", Theme
        ),
        "missions-senders": by(
            "missions-senders",
            _("Missions by sending organisation"),
            _("Sending organisation"),
            "sending_organisation",
            Organisation,
        ),
    }


TABLES = _builders()
# Rows of each table on the page; the downloads have them all.
ROWS_ON_PAGE = 25


def page_tables(filters: figures.Filters) -> list[Table]:
    return [build(filters, ROWS_ON_PAGE) for build in TABLES.values()]

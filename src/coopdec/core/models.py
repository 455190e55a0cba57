"""Model helpers shared by every domain app."""

from __future__ import annotations

import functools
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, connections, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .text import search_terms


class BilingualName(models.Model):
    """Reference records named in French and English; ``name`` follows the active language."""

    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        language = (get_language() or "fr")[:2]
        return (self.name_en if language == "en" else self.name_fr) or self.name_fr

    def __str__(self) -> str:
        return self.name


class SearchableQuerySet(models.QuerySet):
    """For models with a ``search_text`` column built by ``core.text.search_document``."""

    def search(self, query: str):
        """Records with a word starting with each term of ``query`` (accents, case ignored).

        On SQLite the full-text index answers (``sqlite_full_text``), as PostgreSQL's
        trigram index serves the ``LIKE`` tests: both find the same records."""
        terms = search_terms(query)
        table = self.model._meta.db_table
        if terms and connection.vendor == "sqlite" and _has_full_text(connection.alias, table):
            index = f"{table}_fts"  # a name from the code, never from the query
            match = " AND ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
            found = RawSQL(f"SELECT rowid FROM {index} WHERE {index} MATCH %s", [match])  # noqa: S608, S611
            return self.filter(pk__in=found)
        queryset = self
        for term in terms:
            queryset = queryset.filter(search_text__contains=f" {term}")
        return queryset


@functools.cache
def _has_full_text(alias: str, table: str) -> bool:
    """Whether the SQLite database has the table's full-text index (its migrations ran)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [f"{table}_fts"]
        )
        return cursor.fetchone() is not None


class FederationSettings(models.Model):
    """The federation's choices about how coopdec works for it (one row)."""

    require_validation = models.BooleanField(
        _("changes by focal points and partners need the federation's validation"),
        default=True,
    )
    dormant_after_months = models.PositiveSmallIntegerField(
        _("a partnership is dormant after this many months without activity"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )

    class Meta:
        verbose_name = _("federation settings")
        verbose_name_plural = _("federation settings")

    def __str__(self) -> str:
        return str(_("Federation settings"))

    @classmethod
    def current(cls) -> FederationSettings:
        """The settings saved, or the defaults until someone saves them (reading them writes
        nothing: a first read would otherwise change the data behind the cached figures)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def dormancy_cutoff(self) -> date:
        """A partnership with no sign of life since this day is asleep."""
        return timezone.localdate() - relativedelta(months=self.dormant_after_months)

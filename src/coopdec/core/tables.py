"""A table of figures — a title, columns and rows — so that a page, its chart and its CSV and
XLSX downloads all show the same numbers. A cell that is not a number (a suppressed small
count, "< 5") is written as text and drawn as no bar."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from coopdec.core.templatetags.cells import is_number, written


@dataclass(frozen=True)
class Column:
    label: str
    # As written above the column ("12 000 €").
    value: str
    # Its height, in percent of the tallest.
    percent: float
    labelled: bool
    valued: bool

    @property
    def top(self) -> float:
        """Where it starts, from the top of a 100-unit-high frame."""
        return round(100 - self.percent, 1)


@dataclass
class Table:
    key: str
    title: StrOrPromise
    columns: list
    rows: list[list] = field(default_factory=list)
    note: StrOrPromise = ""
    # Which column the bar chart draws (by index), and which one labels the bars.
    chart_value: int | None = 1
    chart_label: int = 0
    # Rows left out of ``rows`` to keep a page short; the downloads have them all.
    more: int = 0
    # Where the rows left out can be browsed, if anywhere.
    more_url: str = ""
    # The last line: totals of the whole table (never drawn as a bar beside the rows).
    total: list | None = None
    # "bars" (one a row, labelled) or "columns" (a trend over the years, in order).
    chart_kind: str = "bars"
    # The currency of the columns holding amounts, by index (the others hold counts).
    currencies: dict[int, str] = field(default_factory=dict)

    def totalled(self, label: StrOrPromise | None = None, **given) -> Table:
        """The table with its total line: each numeric column summed, unless ``given``
        says otherwise (by column index, as ``c2=...``), computed before rows are cut."""
        numeric = self.numeric_columns()
        total: list = [label or _("Total")]
        for index in range(1, len(self.columns)):
            if f"c{index}" in given:
                total.append(given[f"c{index}"])
            elif index in numeric:
                total.append(sum(row[index] or 0 for row in self.rows))
            else:
                total.append(None)
        self.total = total
        return self

    def body(self) -> list[list[tuple[Any, str]]]:
        """The rows as the page writes them: each value with its column's currency."""
        return [self._with_currencies(row) for row in self.rows]

    def footer(self) -> list[tuple[Any, str]]:
        return self._with_currencies(self.total) if self.total else []

    def _with_currencies(self, row: list) -> list[tuple[Any, str]]:
        return [(value, self.currencies.get(index, "")) for index, value in enumerate(row)]

    def all_rows(self) -> list[list]:
        """The rows and the total line: what the downloads write."""
        return [*self.rows, *([self.total] if self.total else [])]

    def limited(self, limit: int | None) -> Table:
        """The table with its first ``limit`` rows only (all of them for None)."""
        if limit is not None and len(self.rows) > limit:
            self.more += len(self.rows) - limit
            self.rows = self.rows[:limit]
        return self

    def numeric_columns(self) -> set[int]:
        """Indexes of the columns holding amounts or counts (aligned right)."""
        return {i for i, value in enumerate(self.rows[0] if self.rows else []) if is_number(value)}

    def chart(self) -> list[tuple[str, str, float]]:
        """(label, value as written, share of the largest value) for each row, for the SVG
        bars."""
        if self.chart_value is None or not self.rows:
            return []
        values = [row[self.chart_value] for row in self.rows]
        top = max((value for value in values if is_number(value)), default=0) or 1
        currency = self.currencies.get(self.chart_value, "")
        return [
            (
                str(row[self.chart_label]),
                written(value, currency) if is_number(value) else str(value or 0),
                float(value) / float(top) if is_number(value) else 0.0,
            )
            for row, value in zip(self.rows, values, strict=True)
        ]

    def column_chart(self) -> list[Column]:
        """The columns of a year-by-year chart: a label under every one when there is room,
        else under every fifth; the values written above them when there is room."""
        bars = self.chart()
        every = 1 if len(bars) <= 12 else 5
        return [
            Column(
                label=label,
                value=value,
                percent=round(share * 100, 1),
                labelled=i % every == 0 or i == len(bars) - 1,
                valued=len(bars) <= 6,
            )
            for i, (label, value, share) in enumerate(bars)
        ]

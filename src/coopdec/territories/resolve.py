"""Which local government a name typed by someone means — or the best candidates.

Names are compared through ``core.text.normalize_name`` (accents, case, "Commune de",
"Communauté de communes", department numbers in parentheses), against each area's name,
its other names (spellings, former names, names learned from earlier imports) and its
seat town. A name is resolved only when exactly one local government answers to it;
otherwise the candidates are given with a score, and nothing is guessed. A canton or a
prefecture, which are not local governments, proposes the communes it lies in.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coopdec.core.text import normalize_name

from .enums import AliasKind
from .models import Area, AreaAlias

_CODE = re.compile(r"\(\s*([0-9][0-9ab]?[0-9]?)\s*\)", re.IGNORECASE)
MAX_CANDIDATES = 5
# Below this similarity (0–100) a name is not offered as a candidate.
MIN_SCORE = 60


@dataclass(frozen=True)
class Candidate:
    area: Area
    score: int
    why: str

    def __str__(self) -> str:
        return f"{describe(self.area)} — {self.score} %"


@dataclass
class Resolution:
    text: str
    area: Area | None = None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.area is not None


def describe(area: Area) -> str:
    """The name of an area with what tells it apart: "Kloto 1 (Kloto, Plateaux)"."""
    around = [ancestor.name for ancestor in area.ancestors()] or [area.country.name]
    return f"{area.name} ({', '.join(around)})"


class Resolver:
    """Resolves names among ``areas``; the local governments among them are the answers."""

    def __init__(self, areas: QuerySet[Area]) -> None:
        self.areas = {
            area.pk: area
            for area in areas.select_related("level", "country", "parent__parent__parent")
        }
        self.keys: dict[str, set[tuple[int, str]]] = defaultdict(set)
        for area in self.areas.values():
            self.keys[area.name_key].add((area.pk, "name"))
            if area.seat_town:
                self.keys[normalize_name(area.seat_town)].add((area.pk, "seat town"))
        aliases = AreaAlias.objects.filter(area_id__in=self.areas).values_list(
            "area_id", "normalized"
        )
        for area_id, key in aliases:
            self.keys[key].add((area_id, "other name"))
        self.words: dict[str, set[str]] = defaultdict(set)
        for key in self.keys:
            for word in key.split():
                if len(word) >= 3:
                    self.words[word].add(key)
        self.children: dict[int, list[int]] = defaultdict(list)
        for area in self.areas.values():
            if area.parent_id:
                self.children[area.parent_id].append(area.pk)

    def resolve(self, text: str) -> Resolution:
        resolution = Resolution(str(text).strip())
        key = normalize_name(resolution.text)
        if not key:
            return resolution
        exact = self._governments(self.keys.get(key, set()))
        code = _CODE.search(resolution.text)
        if code and len(exact) > 1:
            # "Commune de Saint-Martin (79)": keep the one in department 79.
            coded = {pk for pk in exact if self._in_department(pk, code.group(1).upper())}
            exact = coded or exact
        if len(exact) == 1:
            resolution.area = self.areas[next(iter(exact))]
            return resolution
        resolution.candidates = self._candidates(key, exact)
        return resolution

    def _governments(self, hits) -> set[int]:
        return {pk for pk, _why in hits if self.areas[pk].level.is_local_government}

    def _in_department(self, pk: int, code: str) -> bool:
        area = self.areas[pk]
        return area.official_code.upper().startswith(code) or any(
            ancestor.official_code.upper() == code for ancestor in area.ancestors()
        )

    def _answers(self, pk: int) -> list[int]:
        """The local governments a hit stands for: itself, or the ones inside it (a
        prefecture's communes; a canton's, through its prefecture)."""
        area = self.areas[pk]
        if area.level.is_local_government:
            return [pk]
        inside = [c for c in self.children.get(pk, []) if self.areas[c].level.is_local_government]
        if not inside and area.parent_id:
            inside = [
                c
                for c in self.children.get(area.parent_id, [])
                if self.areas[c].level.is_local_government
            ]
        return inside

    def _candidates(self, key: str, exact: set[int]) -> list[Candidate]:
        scored: dict[int, tuple[int, str]] = {pk: (100, _("same name")) for pk in exact}
        near = {k for word in key.split() if len(word) >= 3 for k in self.words.get(word, ())}
        if len(self.keys) <= 5000:
            near |= set(difflib.get_close_matches(key, self.keys, n=10, cutoff=MIN_SCORE / 100))
        for other in near | {key}:
            if other not in self.keys:
                continue
            score = round(difflib.SequenceMatcher(None, key, other).ratio() * 100)
            if other != key and score < MIN_SCORE and not set(key.split()) & set(other.split()):
                continue
            for pk, _why in self.keys[other]:
                place = self.areas[pk]
                why = (
                    _("in %(place)s") % {"place": place.name}
                    if not place.level.is_local_government
                    else _("similar name")
                )
                for answer in self._answers(pk):
                    if scored.get(answer, (-1, ""))[0] < score:
                        scored[answer] = (score, why)
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], self.areas[item[0]].name))
        return [
            Candidate(self.areas[pk], score, why) for pk, (score, why) in ranked[:MAX_CANDIDATES]
        ]


def remember(text: str, area: Area) -> AreaAlias | None:
    """Keep a name the user matched by hand as another name of ``area``, so that the next
    file resolves it; the new alias, or None when the name already leads there."""
    key = normalize_name(text)
    if not key or key == area.name_key or area.aliases.filter(normalized=key).exists():
        return None
    return AreaAlias.objects.create(area=area, name=str(text).strip(), kind=AliasKind.LEARNED)

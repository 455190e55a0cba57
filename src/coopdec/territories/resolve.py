"""Which local government a name typed by someone means — or the best candidates.

Names are compared through ``core.text.normalize_name`` (accents, case, "Commune de",
"Communauté de communes", department numbers in parentheses), against each area's name,
its other names (spellings, former names, names learned from earlier imports) and its
seat town. A name is resolved only when exactly one local government answers to it;
otherwise the candidates are given with a score, and nothing is guessed. A canton or a
prefecture, which are not local governments, proposes the communes it lies in.

The resolver reads the areas once, as plain records (tens of thousands of them stay
light), and answers with area ids; callers load the areas they keep.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coopdec.core.text import department_code, normalize_name

from .enums import AliasKind, LevelKind
from .models import Area, AreaAlias

# "Kpalimé (Kloto 1)": another name of the same place in parentheses (not a code).
_ASIDE = re.compile(r"^(?P<outside>[^()]+?)\s*\((?P<inside>[^()]*[^\d\s()][^()]*)\)\s*$")
# Words before a name that say its level: "Région Centrale", "Préfecture de Zio",
# "Conseil départemental des Deux-Sèvres" (on normalised text).
_LEVEL_WORDS = [
    (
        re.compile(r"^(?:conseil regional|region)\s+(?:de la |de l |des |du |de |d )?"),
        LevelKind.REGION,
    ),
    (
        re.compile(
            r"^(?:prefecture|conseil departemental|conseil general|departement)"
            r"\s+(?:de la |de l |des |du |de |d )?"
        ),
        LevelKind.INTERMEDIATE,
    ),
]
# Fuzzy candidates offered beside the exact ones (a prefecture's or town's communes are
# all offered, however many).
MAX_CANDIDATES = 5
# Below this similarity (0–100) a name is not offered as a candidate.
MIN_SCORE = 60


@dataclass(frozen=True, slots=True)
class Place:
    pk: int
    name: str
    parent_id: int | None
    official_code: str
    level_kind: str
    is_local_government: bool
    country: str


@dataclass(frozen=True)
class Candidate:
    pk: int
    label: str
    score: int
    why: str

    def __str__(self) -> str:
        return f"{self.label} — {self.score} %"


@dataclass
class Resolution:
    text: str
    pk: int | None = None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.pk is not None


class Resolver:
    """Resolves names among ``areas``; the local governments among them are the answers."""

    def __init__(self, areas: QuerySet[Area]) -> None:
        rows = areas.values_list(
            "pk",
            "name",
            "name_key",
            "seat_town",
            "parent_id",
            "official_code",
            "level__kind",
            "level__is_local_government",
            "country__name_fr",
        )
        self.places: dict[int, Place] = {}
        keys: dict[str, set[int]] = defaultdict(set)
        self.children: dict[int, list[int]] = defaultdict(list)
        for pk, name, key, seat, parent, code, kind, is_lg, country in rows.iterator(2000):
            # The few kinds and countries shared by tens of thousands of places, once each.
            kind, country = sys.intern(kind), sys.intern(country)
            self.places[pk] = Place(pk, name, parent, code, kind, is_lg, country)
            keys[key].add(pk)
            if seat:
                keys[normalize_name(seat)].add(pk)
            if parent:
                self.children[parent].append(pk)
        aliases = AreaAlias.objects.filter(area__in=areas).values_list("area_id", "normalized")
        for area_id, key in aliases.iterator(2000):
            keys[key].add(area_id)
        words: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            for word in key.split():
                if len(word) >= 3:
                    words[word].add(key)
        # Read-only from here: tuples hold one key or word in a quarter of a set's memory.
        self.keys: dict[str, tuple[int, ...]] = {k: tuple(found) for k, found in keys.items()}
        self.words: dict[str, tuple[str, ...]] = {w: tuple(found) for w, found in words.items()}

    def describe(self, pk: int) -> str:
        """The name of an area with what tells it apart: "Kloto 1 (Kloto, Plateaux)"."""
        place = self.places[pk]
        around, parent = [], place.parent_id
        while parent in self.places:
            around.append(self.places[parent].name)
            parent = self.places[parent].parent_id
        return f"{place.name} ({', '.join(around or [place.country])})"

    def resolve(self, text: str) -> Resolution:
        """One local government when the name can mean only it; otherwise candidates —
        every local government the name may mean first, then names that look alike."""
        resolution = Resolution(str(text).strip())
        key = normalize_name(resolution.text)
        if not key:
            return resolution
        aside = _ASIDE.match(resolution.text)
        if aside:  # both names must lead to the same one
            inside = self._meanings(normalize_name(aside["inside"]))
            outside = self._meanings(normalize_name(aside["outside"]))
            both = inside & outside
            if len(both) == 1:
                resolution.pk = next(iter(both))
                return resolution
            key = normalize_name(aside["outside"])
        meanings = self._meanings(key)
        code = department_code(resolution.text)
        if code and len(meanings) > 1:
            # "Commune de Saint-Martin (79)": keep the one in department 79.
            coded = {pk for pk in meanings if self._in_department(pk, code)}
            meanings = coded or meanings
        if len(meanings) == 1:
            resolution.pk = next(iter(meanings))
            return resolution
        resolution.candidates = self._candidates(key, meanings)
        return resolution

    def _hits(self, key: str) -> set[int]:
        """Areas with that name, or with it after its level words (only at that level)."""
        for pattern, kind in _LEVEL_WORDS:
            stripped = pattern.sub("", key)
            if stripped != key and stripped in self.keys:
                return {pk for pk in self.keys[stripped] if self.places[pk].level_kind == kind}
        return set(self.keys.get(key, ()))

    def _meanings(self, key: str) -> set[int]:
        """Every local government a name may mean: those with that name (or seat town, or
        other name), and the communes of a prefecture or town of that name that holds
        none of them ("Kpalimé": Kloto 1, the seat, though the Kloto prefecture's seat is
        Kpalimé too; "Kara": the region, and the Kozah communes around the town; "Lomé":
        the communes of Golfe)."""
        hits = self._hits(key)
        found = {pk for pk in hits if self.places[pk].is_local_government}
        # A local government around another of the same name is its seat's ("Niort": the
        # commune, not the Deux-Sèvres whose seat it is).
        found -= {pk for pk in found for other in found if pk in self._around(other)}
        for pk in {pk for pk in hits if not self.places[pk].is_local_government}:
            inside = set(self._answers(pk))
            if not inside & found:
                found |= inside
        return found

    def _around(self, pk: int) -> set[int]:
        """The areas that hold ``pk`` (its parent, and theirs)."""
        around, place = set(), self.places.get(pk)
        while place is not None and place.parent_id in self.places:
            around.add(place.parent_id)
            place = self.places[place.parent_id]
        return around

    def shared_place(self, pks) -> int | None:
        """The smallest area holding every one of ``pks`` (their prefecture or region),
        None when they share none."""
        chains = []
        for pk in pks:
            chain, place = [], self.places.get(pk)
            while place is not None:
                chain.append(place.pk)
                place = self.places.get(place.parent_id) if place.parent_id else None
            chains.append(chain)
        if not chains:
            return None
        shared = set(chains[0]).intersection(*chains[1:])
        return next((pk for pk in chains[0] if pk in shared), None)

    def _in_department(self, pk: int, code: str) -> bool:
        place: Place | None = self.places[pk]
        while place is not None:
            if place.official_code.upper().startswith(code):
                return True
            place = self.places.get(place.parent_id) if place.parent_id else None
        return False

    def _inside(self, pk: int) -> list[int]:
        return [c for c in self.children.get(pk, []) if self.places[c].is_local_government]

    def _answers(self, pk: int) -> list[int]:
        """The local governments a hit stands for: itself, or the ones inside it (a
        prefecture's communes; a canton's, through its prefecture)."""
        place = self.places[pk]
        if place.is_local_government:
            return [pk]
        inside = self._inside(pk)
        if not inside and place.parent_id:
            inside = [
                c
                for c in self.children.get(place.parent_id, [])
                if self.places[c].is_local_government
            ]
        return inside

    def _candidates(self, key: str, exact: set[int]) -> list[Candidate]:
        """Every local government the name may mean (all of them), then up to
        ``MAX_CANDIDATES`` names that look alike."""
        scored: dict[int, tuple[int, str]] = {pk: (100, _("same name")) for pk in exact}
        for pk in self._hits(key):
            if not self.places[pk].is_local_government:
                for answer in self._answers(pk):
                    if answer in exact:
                        scored[answer] = (100, _("in %(place)s") % {"place": self.places[pk].name})
        near = {k for word in key.split() if len(word) >= 3 for k in self.words.get(word, ())}
        if len(self.keys) <= 5000:
            near |= set(difflib.get_close_matches(key, self.keys, n=10, cutoff=MIN_SCORE / 100))
        words = set(key.split())
        for other in near | {key}:
            if other not in self.keys:
                continue
            score = round(difflib.SequenceMatcher(None, key, other).ratio() * 100)
            if other != key and score < MIN_SCORE and not words & set(other.split()):
                continue
            for pk in self.keys[other]:
                place = self.places[pk]
                why = (
                    _("similar name")
                    if place.is_local_government
                    else _("in %(place)s") % {"place": place.name}
                )
                for answer in self._answers(pk):
                    if scored.get(answer, (-1, ""))[0] < score:
                        scored[answer] = (score, why)
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], self.places[item[0]].name))
        return [
            Candidate(pk, self.describe(pk), score, why)
            for pk, (score, why) in ranked[: len(exact) + MAX_CANDIDATES]
        ]


def remember(text: str, area: Area) -> AreaAlias | None:
    """Keep a name the user matched by hand as another name of ``area``, so that the next
    file resolves it; the new alias, or None when the name already leads there."""
    key = normalize_name(text)
    if not key or key == area.name_key or area.aliases.filter(normalized=key).exists():
        return None
    return AreaAlias.objects.create(area=area, name=str(text).strip(), kind=AliasKind.LEARNED)

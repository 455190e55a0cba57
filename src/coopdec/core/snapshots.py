"""Figures rendered once per version of the data, kept in the shared cache, and refreshed by
the background worker while readers keep getting the previous ones, marked as such.

A *snapshot* is a fragment of a page (a dashboard's tables, the atlas's map) rendered from a
template and a context that an app registers under a name (``register``). A view reads it
with ``read(name, params)``: ``params`` is the query string that chose the figures (filters),
and the language is the reader's.

- Built under the current version of the data (``versions.current()``, with the day, on
  which dormancy depends): served as is.
- Built under an older version: when building it took little (``COOPDEC_SNAPSHOT_INLINE_MS``,
  a small federation's case), it is built again at once; otherwise the previous one is served
  with the time it was built and the mention that it is being updated, and the worker is
  asked, once, to build the new one (``refresh``). No reader waits seconds for figures, and
  none gets stale figures without being told.
- Never built (a new choice of filters, an emptied cache): built at once, by one reader;
  others asking meanwhile wait for it (``_first``).

One cache entry per name, language and params: a new version replaces the old one in place,
so no old copy stays behind.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django_tasks import task

from . import versions

# Kept this long at most; a new version of the data replaces an entry before.
CACHE_SECONDS = 7 * 24 * 3600
# A refresh asked for is not asked again for this long (a worker that died lets it go).
REFRESH_ASKED_SECONDS = 600
# How long a reader waits for figures another reader is building for the first time.
FIRST_BUILD_WAIT_SECONDS = 60


@dataclass(frozen=True)
class Kind:
    template: str
    # The template's context for the figures chosen by a query string.
    context: Callable[[QueryDict], dict[str, Any]]


_kinds: dict[str, Kind] = {}


def register(name: str, template: str, context: Callable[[QueryDict], dict[str, Any]]) -> None:
    _kinds[name] = Kind(template, context)


@dataclass(frozen=True)
class Snapshot:
    html: SafeString
    built_at: datetime
    # Built under an older version of the data: a newer one is being built.
    stale: bool

    @property
    def built_today(self) -> bool:
        return timezone.localdate(self.built_at) == timezone.localdate()


def _key(name: str, params: str) -> str:
    digest = hashlib.sha256(params.encode()).hexdigest()[:32]
    return f"snapshot:{name}:{translation.get_language() or ''}:{digest}"


def _version() -> str:
    return versions.dated()


def _inline_seconds() -> float:
    return settings.COOPDEC_SNAPSHOT_INLINE_MS / 1000


def build(name: str, params: str) -> Snapshot:
    """Render the fragment now, from the data as it is, and keep it."""
    kind = _kinds[name]
    version = _version()  # read first: a change while rendering leaves the entry stale
    started = time.monotonic()
    html = render_to_string(kind.template, kind.context(QueryDict(params)))
    entry = {
        "version": version,
        "html": str(html),
        "built_at": timezone.now(),
        "seconds": time.monotonic() - started,
    }
    cache.set(_key(name, params), entry, CACHE_SECONDS)
    return _snapshot(entry, stale=False)


def _snapshot(entry: dict[str, Any], *, stale: bool) -> Snapshot:
    # The HTML is a template's output, escaped when it was rendered.
    return Snapshot(mark_safe(entry["html"]), entry["built_at"], stale)  # noqa: S308


def read(name: str, params: str = "") -> Snapshot:
    entry = cache.get(_key(name, params))
    if entry is None:
        return _first(name, params)
    version = _version()
    if entry["version"] == version:
        return _snapshot(entry, stale=False)
    if entry["seconds"] <= _inline_seconds():
        return build(name, params)
    language = translation.get_language() or ""
    if cache.add(f"{_key(name, params)}:asked:{version}", True, REFRESH_ASKED_SECONDS):
        refresh.enqueue(name, params, language)
    return _snapshot(entry, stale=True)


def _first(name: str, params: str) -> Snapshot:
    """Figures never built (a new choice of filters, an emptied cache): one reader builds
    them while the others asking at the same moment wait for that build rather than each
    making its own (on a busy site, many identical builds at once would hold every server
    process); a reader that waited too long builds them itself."""
    key = _key(name, params)
    if cache.add(f"{key}:building", True, FIRST_BUILD_WAIT_SECONDS):
        try:
            return build(name, params)
        finally:
            cache.delete(f"{key}:building")
    deadline = time.monotonic() + FIRST_BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.2)
        entry = cache.get(key)
        if entry is not None:
            return _snapshot(entry, stale=entry["version"] != _version())
    return build(name, params)


@task()
def refresh(name: str, params: str, language: str) -> None:
    """The worker's part: build a snapshot again under the current version of the data."""
    if name not in _kinds:
        return
    with translation.override(language or None):
        if (cache.get(_key(name, params)) or {}).get("version") != _version():
            build(name, params)

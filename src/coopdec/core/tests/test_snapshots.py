"""Figures built for the first time are built once, whoever asks at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.http import QueryDict

from coopdec.core import snapshots

pytestmark = pytest.mark.django_db

builds: list[str] = []


def counted(query: QueryDict) -> dict:
    builds.append(query.urlencode())
    return {"marker": {"communes": None, "partnerships": len(builds)}}


@pytest.fixture
def kind():
    builds.clear()
    snapshots.register("test-counted", "public/_marker_counts.html", counted)


def test_readers_asking_for_new_figures_at_once_share_one_build(kind, monkeypatch):
    monkeypatch.setattr(snapshots, "FIRST_BUILD_WAIT_SECONDS", 5)
    release = threading.Event()
    original = snapshots.build

    def slow_build(name, params):
        release.wait(5)  # the first reader is still building when the others ask
        return original(name, params)

    monkeypatch.setattr(snapshots, "build", slow_build)
    results = []

    def read() -> None:
        try:
            results.append(snapshots.read("test-counted", "a=1"))
        finally:
            connections.close_all()  # this thread's

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    release.set()
    for reader in readers:
        reader.join(10)
    assert builds == ["a=1"]  # one build for the four readers
    assert {str(result.html) for result in results} == {"1 partenariat"}
    assert not any(result.stale for result in results)

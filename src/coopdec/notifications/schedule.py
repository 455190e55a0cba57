"""The periodic jobs that tell people something when its time comes (deadline reminders,
agreements ending…). Apps register them when ready; ``coopdec schedule_notifications``
runs every registered job, then the weekly digest, then wakes the senders. Each job must be
idempotent (keyed fan-outs): the command may run as often as anyone likes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Job = Callable[[datetime], int]

_jobs: dict[str, Job] = {}


def register(name: str, job: Job) -> None:
    """``job(now)`` returns how many people it told; ``name`` is what the command prints."""
    _jobs[name] = job


def jobs() -> dict[str, Job]:
    return dict(_jobs)

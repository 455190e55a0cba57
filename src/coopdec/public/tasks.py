"""Background work of the atlas: writing the open data files."""

from __future__ import annotations

from django_tasks import task

from . import opendata


@task()
def build_open_data() -> None:
    opendata.build()

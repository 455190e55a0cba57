"""What the public pages' tests share: a data version of each test's own, and the open
data written as the background worker writes it."""

import pytest
from django_tasks_db.models import DBTaskResult

from coopdec.inventory.models import FiguresVersion
from coopdec.public import opendata
from coopdec.public.tasks import build_open_data


@pytest.fixture(autouse=True)
def own_data_version(db):
    """What is kept per version of the data (open data files in the storage, cached maps)
    outlives a test's transaction: each test starts from a version of its own, with no
    files written yet."""
    FiguresVersion.bump()
    for version in opendata._versions():
        opendata._remove(f"{opendata.FOLDER}/{version}")


@pytest.fixture
def written(client, django_capture_on_commit_callbacks):
    """A visit asks the background worker for the files of the current data (queued when
    the request's transaction commits); the worker writes them (run here as it runs it)."""

    def visit_and_work() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get("/donnees-ouvertes/").status_code == 200
        assert DBTaskResult.objects.filter(task_path__endswith="build_open_data").exists()
        build_open_data.call()

    return visit_and_work

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult


@pytest.fixture
def run_queued(django_capture_on_commit_callbacks):
    """Run the queued background tasks in this process, in order, as the worker would
    (the tasks they queue too), inside the test's transaction; returns how many ran."""

    def run() -> int:
        ran = 0
        while task_result := DBTaskResult.objects.ready().order_by("enqueued_at").first():
            task_result.delete()
            with django_capture_on_commit_callbacks(execute=True):
                args = task_result.args_kwargs
                task_result.task.call(*args["args"], **args["kwargs"])
            ran += 1
        return ran

    return run

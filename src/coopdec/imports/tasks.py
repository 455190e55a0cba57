"""Background work on long imports: thin wrappers that take ids and call ``drafts``.

``attempt`` is the draft's count of restarts when the work was handed over: a worker that
died is replaced by a new attempt (``drafts.take_up``), and an attempt that is no longer the
current one does nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import drafts, pipeline
from .models import ImportRun
from .readers import FileRefused


@task()
def check_draft(run_id: int, author_id: int | None, language: str, attempt: int = 0) -> None:
    with drafts.holding(run_id, attempt) as current, translation.override(language or None):
        if not current:
            return
        run = ImportRun.objects.get(pk=run_id)
        try:
            outcome = drafts.check(run, progress=drafts.reporter(run_id, attempt))
        except FileRefused as error:
            drafts.finish(run_id, attempt, failure=str(error))
        except Exception:
            drafts.finish(run_id, attempt, failure=_("The check stopped on an unexpected error."))
            raise
        else:
            drafts.finish(run_id, attempt, outcome=outcome, progress=100)


@task()
def commit_draft(run_id: int, author_id: int | None, language: str, attempt: int = 0) -> None:
    with drafts.holding(run_id, attempt) as current, translation.override(language or None):
        if not current:
            return
        run = ImportRun.objects.get(pk=run_id)
        author = get_user_model().objects.filter(pk=author_id).first() if author_id else None
        try:
            drafts.commit(run, author=author, progress=drafts.reporter(run_id, attempt))
        except pipeline.AlreadyCommitted:
            drafts.finish(run_id, attempt)  # by an attempt taken for dead: imported once
        except (FileRefused, pipeline.ImportRefused) as error:
            drafts.finish(run_id, attempt, failure=str(error))
        except Exception:
            drafts.finish(
                run_id,
                attempt,
                failure=_("The import stopped on an unexpected error: nothing was written."),
            )
            raise
        else:
            drafts.finish(run_id, attempt, progress=100)

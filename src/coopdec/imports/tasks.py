"""Background work on long imports: thin wrappers that take ids and call ``drafts``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import drafts, pipeline
from .models import ImportRun
from .readers import FileRefused


@task()
def check_draft(run_id: int, author_id: int | None, language: str) -> None:
    run = ImportRun.objects.get(pk=run_id)
    with translation.override(language or None):
        try:
            outcome = drafts.check(run, progress=drafts.reporter(run_id))
        except FileRefused as error:
            drafts.finish(run_id, failure=str(error))
        except Exception:
            drafts.finish(run_id, failure=_("The check stopped on an unexpected error."))
            raise
        else:
            drafts.finish(run_id, outcome=outcome, progress=100)


@task()
def commit_draft(run_id: int, author_id: int | None, language: str) -> None:
    run = ImportRun.objects.get(pk=run_id)
    author = get_user_model().objects.filter(pk=author_id).first() if author_id else None
    with translation.override(language or None):
        try:
            drafts.commit(run, author=author, progress=drafts.reporter(run_id))
        except (FileRefused, pipeline.ImportRefused) as error:
            drafts.finish(run_id, failure=str(error))
        except Exception:
            drafts.finish(
                run_id, failure=_("The import stopped on an unexpected error: nothing was written.")
            )
            raise
        else:
            drafts.finish(run_id, progress=100)

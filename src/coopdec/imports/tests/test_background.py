"""A long file is checked and imported by the background worker (a real worker run, in
this process): the page shows the progress, the user can leave and come back."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from coopdec.accounts.enums import Role
from coopdec.accounts.second_factor import verified_session
from coopdec.conftest import new_user
from coopdec.imports import drafts, pipeline, tasks
from coopdec.imports.models import ImportRun
from coopdec.partnerships.models import Partnership
from coopdec.territories.models import AdminLevel, Area

from .conftest import xlsx

# The worker commits its own transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(settings):
    # Transactional tests empty the tables afterwards: load the reference data for each.
    call_command("load_reference", verbosity=0)
    settings.COOPDEC_IMPORT_BACKGROUND_ROWS = 2
    level = AdminLevel.objects.get(country__code="FR", code="commune")
    for name in ("Bressuire", "Niort", "Parthenay"):
        Area.objects.create(country=level.country, level=level, name=name, slug=name.lower())
    return new_user(username="staff", role=Role.FEDERATION_STAFF)


def work() -> None:
    """One pass of the worker over the queue, as ``coopdec db_worker`` does."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


ROWS = [
    ["Commune", "Partenaire"],
    ["KPALIME", "Bressuire"],
    ["Wawa 1", "Niort"],
    ["BASSAR", "Parthenay"],
]


def test_a_long_file_is_checked_then_imported_in_the_background(client, staff):
    verified_session(client, staff)
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": xlsx(ROWS)})
    run = ImportRun.objects.get()
    url = reverse("imports:draft", kwargs={"pk": run.pk})

    page = client.get(url, follow=True)
    html = page.content.decode()
    assert "Vérification des lignes (3 lignes)" in html
    assert '<meta http-equiv="refresh" content="3">' in html and "<progress" in html
    listed = client.get(reverse("imports:list")).content.decode()
    assert "Imports en préparation" in listed and "Vérification des lignes (0 %)" in listed

    work()
    run.refresh_from_db()
    assert (run.working, run.progress, run.outcome["summary"]["new"]) == ("", 100, 3)
    page = client.get(url)
    assert [row["status"] for row in page.context["outcome"]["rows"]] == ["new"] * 3
    assert "Importer maintenant" in page.content.decode()

    client.post(reverse("imports:commit", kwargs={"pk": run.pk}))
    assert "Importation" in client.get(url).content.decode()
    assert not Partnership.objects.exists()  # not before the worker's turn
    work()
    run.refresh_from_db()
    assert (run.state, run.author, run.summary["new"]) == ("committed", staff, 3)
    assert Partnership.objects.count() == 3
    assert client.get(url)["Location"] == reverse("imports:list")


def test_a_file_gone_before_the_check_is_said_and_not_retried(client, staff):
    verified_session(client, staff)
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": xlsx(ROWS)})
    run = ImportRun.objects.get()
    url = reverse("imports:draft", kwargs={"pk": run.pk})
    client.get(url)  # hands the file to the worker
    run.file.delete(save=False)
    work()
    page = client.get(url, follow=True)
    assert "n&#x27;est plus là\u202f: envoyez-le de nouveau" in page.content.decode()
    run.refresh_from_db()
    assert run.working == "" and run.state == "draft"


def test_an_import_whose_worker_died_is_taken_up_again_and_written_once(client, staff, settings):
    verified_session(client, staff)
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": xlsx(ROWS)})
    run = ImportRun.objects.get()
    url = reverse("imports:draft", kwargs={"pk": run.pk})
    client.get(url)
    work()  # checked
    client.post(reverse("imports:commit", kwargs={"pk": run.pk}))

    # A worker takes the import, reports 84 %, and is killed: django-tasks-db keeps its task
    # "running" for ever, and its lease on the draft is renewed no more.
    settings.COOPDEC_IMPORT_LEASE_SECONDS = 0
    DBTaskResult.objects.get(status=TaskResultStatus.READY).claim("killed-worker")
    with drafts.holding(run.pk, 0) as current:
        assert current
        drafts.reporter(run.pk, 0)(84)
    settings.COOPDEC_IMPORT_LEASE_SECONDS = 60
    work()  # nothing left in the queue: the import would wait for ever
    assert not Partnership.objects.exists()

    # Whoever looks at the import first sees what happened, and the work starts again.
    html = client.get(url).content.decode()
    assert "Le travail en arrière-plan s’est arrêté avant la fin" in html
    assert "Rien n’a été écrit" in html and "En attente du travail en arrière-plan" in html
    assert client.get(url).content.decode().count("arrêté avant la fin") == 1  # taken up once
    work()
    run.refresh_from_db()
    assert (run.state, run.working, run.restarts) == ("committed", "", 1)
    names = sorted(Partnership.objects.values_list("local_government__name", flat=True))
    assert names == ["Bassar 1", "Kloto 1", "Wawa 1"]  # each row once
    changes = run.changes.count()

    # The killed attempt's task, were it to run again, writes nothing; nor does a second
    # commit of the same draft.
    tasks.commit_draft.call(run.pk, staff.pk, "fr", 0)
    with pytest.raises(pipeline.AlreadyCommitted):
        drafts.commit(ImportRun.objects.get(pk=run.pk))
    assert Partnership.objects.count() == 3 and run.changes.count() == changes


def test_the_scheduler_takes_up_an_import_nobody_looks_at(client, staff, settings):
    verified_session(client, staff)
    client.post(reverse("imports:list"), {"kind": "partnerships", "file": xlsx(ROWS)})
    run = ImportRun.objects.get()
    client.get(reverse("imports:draft", kwargs={"pk": run.pk}))  # hands it to the worker
    settings.COOPDEC_IMPORT_LEASE_SECONDS = 0
    DBTaskResult.objects.get(status=TaskResultStatus.READY).claim("killed-worker")
    with drafts.holding(run.pk, 0):
        pass  # killed at once
    settings.COOPDEC_IMPORT_LEASE_SECONDS = 60
    call_command("schedule_notifications", verbosity=0)
    call_command("schedule_notifications", verbosity=0)  # not twice
    work()
    run.refresh_from_db()
    assert (run.working, run.restarts, run.outcome["summary"]["new"]) == ("", 1, 3)

"""Shared test fixtures: the reference data loaded once per database, and one user per role
(like healthchecks' alice/bob/charlie), each scoped the way the role is in real life."""

from __future__ import annotations

from typing import cast

import factory
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from coopdec.accounts.enums import Role
from coopdec.accounts.models import User
from coopdec.accounts.second_factor import verified_session
from coopdec.directory.enums import OrganisationKind, PositionRole
from coopdec.directory.models import Organisation, Person, Position
from coopdec.territories.models import AdminLevel, Area, Country

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a new installation does."""
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    role = Role.OBSERVER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def new_user(**fields) -> User:
    """A saved account (``UserFactory``, typed as what it makes)."""
    return cast(User, UserFactory(**fields))


def commune(slug: str) -> Area:
    return Area.objects.communes().get(slug=slug)


@pytest.fixture
def kloto1(db) -> Area:
    return commune("kloto-1")


@pytest.fixture
def wawa1(db) -> Area:
    return commune("wawa-1")


@pytest.fixture
def bressuire(db) -> Area:
    level = AdminLevel.objects.get(country__code="FR", code="commune")
    return Area.objects.create(
        country=level.country,
        level=level,
        name="Bressuire",
        slug="bressuire",
        official_code="79049",
    )


@pytest.fixture
def twinning_association(db, bressuire) -> Organisation:
    return Organisation.objects.create(
        name="Comité de jumelage Bressuire-Kpalimé",
        slug="jumelage-bressuire-kpalime",
        kind=OrganisationKind.TWINNING_ASSOCIATION,
        country=Country.objects.get(code="FR"),
        based_in=bressuire,
    )


@pytest.fixture
def kloto_focal_person(kloto1) -> Person:
    person = Person.objects.create(
        first_name="Afi",
        last_name="Mensah",
        email="afi.mensah@example.org",
        phone="+228 90 00 00 01",
    )
    Position.objects.create(person=person, role=PositionRole.FOCAL_POINT, area=kloto1)
    return person


@pytest.fixture
def wawa_mayor(wawa1) -> Person:
    person = Person.objects.create(
        first_name="Yawa",
        last_name="Agbeko",
        email="yawa.agbeko@example.org",
        phone="+228 90 00 00 02",
    )
    Position.objects.create(person=person, role=PositionRole.MAYOR, area=wawa1)
    return person


@pytest.fixture
def users(db, kloto1, wawa1, bressuire, twinning_association) -> dict[str, User | None]:
    """One account per role; ``anonymous`` is None."""
    focal_point = new_user(username="focal.kloto1", role=Role.FOCAL_POINT)
    focal_point.local_governments.set([kloto1])
    partner = new_user(username="partner.bressuire", role=Role.PARTNER)
    partner.local_governments.set([bressuire])
    partner.organisations.set([twinning_association])
    return {
        "anonymous": None,
        "admin": new_user(username="admin", role=Role.FEDERATION_ADMIN),
        "staff": new_user(username="staff", role=Role.FEDERATION_STAFF),
        "focal_point": focal_point,
        "partner": partner,
        "observer": new_user(username="observer", role=Role.OBSERVER),
        "volunteer": new_user(username="volunteer", role=Role.VOLUNTEER),
    }


@pytest.fixture
def client_for(client):
    """``client_for(user)`` gives a client signed in as ``user`` (anonymous for None)."""

    def make(user):
        client.logout()
        if user is not None:
            # Staff accounts sign in with their second factor given (``second_factor``).
            verified_session(client, user)
        return client

    return make


@pytest.fixture
def wawa_focal_point(wawa1) -> User:
    user = new_user(username="focal.wawa1", role=Role.FOCAL_POINT)
    user.local_governments.set([wawa1])
    return user


# The smallest file each check must recognise as what its name says.
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_partnership(local_government, partners, *, published=True, **fields):
    """A partnership saved the way the application saves one (names, status, activity)."""
    from coopdec.partnerships import services

    fields.setdefault("kind", "twinning")
    fields.setdefault("status", "active")
    return services.create_partnership(
        local_government=local_government,
        partner_governments=partners,
        published=published,
        **fields,
    )


def insert_partnership(local_government, partners, **fields):
    """A public partnership written in bulk, as imports and the benchmark write them."""
    from coopdec.partnerships import services

    fields = {
        "kind": "twinning",
        "status": "active",
        "published": True,
        "is_public": True,
        **fields,
    }
    [inserted] = services.insert_partnerships(
        [
            services.build_partnership(
                local_government=local_government, partners=partners, **fields
            )
        ],
        {"partner_governments": [partners]},
    )
    return inserted


@pytest.fixture
def kloto_partnership(db, kloto1, bressuire, twinning_association):
    """A published Kloto 1 – Bressuire twinning with one of everything inside it."""
    from datetime import date

    from django.core.files.base import ContentFile

    from coopdec.documents.models import Document
    from coopdec.partnerships.models import Event
    from coopdec.projects.models import FundingLine, Indicator, Project
    from coopdec.territories.models import Currency

    partnership = add_partnership(kloto1, [bressuire])
    partnership.supporting_organisations.set([twinning_association])
    Event.objects.create(
        partnership=partnership, kind="visit", title="Visite", date=date(2024, 5, 2), published=True
    )
    project = Project.objects.create(
        partnership=partnership, title="Eau", start_date=date(2024, 1, 1), published=True
    )
    FundingLine(
        project=project,
        funder_organisation=twinning_association,
        instrument="own_funds",
        currency=Currency.objects.get(code="EUR"),
        units_per_euro=1,
        planned=1000,
        date=date(2024, 1, 1),
        published=True,
    ).save()
    Indicator.objects.create(
        project=project,
        name="Forages",
        unit="forages",
        baseline=0,
        baseline_date=date(2024, 1, 1),
        target=4,
        target_date=date(2025, 1, 1),
        published=True,
    )
    document = Document(
        kind="agreement",
        title="Convention",
        audience="members",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        published=True,
    )
    document.attach(partnership)
    document.file.save("convention.pdf", ContentFile(PDF_BYTES))
    return partnership


def foreign(country: str, name: str) -> Area:
    """A local government abroad (its country's local government level)."""
    level = AdminLevel.objects.filter(country__code=country, is_local_government=True).first()
    assert level is not None, f"no local government level in {country}"
    return Area.objects.create(country=level.country, level=level, name=name, slug=name.lower())


@pytest.fixture
def water(db):
    from coopdec.taxonomy.models import Theme

    return Theme.objects.get(code="water-sanitation")


# What the ``cooperation`` fixture records, for tests to compute expectations from.
WATER_PUBLISHED = {"kloto-1", "agou-1", "golfe-1", "danyi-1"}  # validated work on water
WATER_UNPUBLISHED = {"amou-1"}


@pytest.fixture
def cooperation(water):
    """Who works on water: Kloto 1 and Agou 1 (Plateaux) through a partnership, Danyi
    (Plateaux) through a project only, Golfe 1 (Maritime) too but outside Plateaux; Wawa 1
    (Plateaux) works on culture; Amou 1 (Plateaux) on water, but not yet validated."""
    from coopdec.projects.models import Project
    from coopdec.taxonomy.models import Theme

    culture = Theme.objects.get(code="culture")
    niort, bohicon = foreign("FR", "Niort"), foreign("BJ", "Bohicon")
    for slug, theme in (("kloto-1", water), ("agou-1", water), ("golfe-1", water)):
        add_partnership(commune(slug), [niort]).themes.set([theme])
    add_partnership(commune("wawa-1"), [bohicon]).themes.set([culture])
    add_partnership(commune("amou-1"), [niort], published=False).themes.set([water])
    danyi = add_partnership(commune("danyi-1"), [bohicon], status="dormant")
    project = Project.objects.create(partnership=danyi, title="Puits", published=True)
    project.themes.set([water])


@pytest.fixture
def accept_proposals(users):
    """The federation accepts every pending proposal, as through the validation queue."""

    def accept() -> int:
        from coopdec.review import services
        from coopdec.review.models import Revision

        return services.accept_all(Revision.objects.pending(), users["staff"])

    return accept


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

"""Recording organisations and people where they are needed, without recording one twice."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from coopdec.core.collation import by_name
from coopdec.core.text import free_slug, normalize_name

from .models import Organisation, Person, Position


def build_organisation(
    *, name: str, kind: str, country, acronym: str = "", website: str = ""
) -> tuple[Organisation, dict]:
    """An unsaved organisation and the values to save through review, with a free address
    name. Nothing is written."""
    organisation = Organisation(country=country)
    organisation.slug = free_slug(
        name,
        # "nouvelle" is the address of the page that creates one.
        lambda slug: slug == "nouvelle" or Organisation.objects.filter(slug=slug).exists(),
        fallback="organisation",
        length=250,
    )
    values = {
        "name": name,
        "acronym": acronym,
        "kind": kind,
        "country": country,
        "website": website,
    }
    return organisation, values


def similar_organisations(*, name: str, country, acronym: str = "") -> QuerySet[Organisation]:
    """Organisations of ``country`` with the same name once normalised, or the same
    acronym. The search index narrows them down; names are then compared whole."""
    key = normalize_name(name)
    candidates = Organisation.objects.filter(country=country).search(name)
    same = [o.pk for o in candidates.only("pk", "name") if normalize_name(o.name) == key]
    if acronym:
        same += Organisation.objects.filter(country=country, acronym__iexact=acronym).values_list(
            "pk", flat=True
        )
    return (
        Organisation.objects.filter(pk__in=same)
        .select_related("country")
        .order_by(by_name("name"), "pk")
    )


def describe(organisation: Organisation) -> str:
    """An organisation as a picker lists it: "Amis de Coulon (Twinning association, France)"."""
    acronym = f" – {organisation.acronym}" if organisation.acronym else ""
    where = f"{organisation.get_kind_display()}, {organisation.country.name}"
    return f"{organisation.name}{acronym} ({where})"


def build_person(
    *, first_name: str, last_name: str, email: str = "", phone: str = ""
) -> tuple[Person, dict]:
    """An unsaved person and the values to save through review. Nothing is written."""
    values = {"first_name": first_name, "last_name": last_name, "email": email, "phone": phone}
    return Person(), values


def similar_people(*, first_name: str, last_name: str, email: str = "", user) -> QuerySet[Person]:
    """People ``user`` may see with the same name once normalised, or the same e-mail.
    Nobody outside the user's scope is shown: their existence is personal data too."""
    key = normalize_name(f"{first_name} {last_name}")
    visible = Person.objects.visible_to(user)
    same = [
        pk
        for pk, first, last, mail in visible.values_list("pk", "first_name", "last_name", "email")
        if normalize_name(f"{first} {last}") == key or (email and mail.lower() == email.lower())
    ]
    return Person.objects.filter(pk__in=same).order_by(
        by_name("last_name"), by_name("first_name"), "pk"
    )


@transaction.atomic
def add_position(
    *, person: Person, role: str, title: str = "", area=None, organisation=None
) -> Position:
    """``person`` holds ``role`` at a local government or an organisation (audited)."""
    return Position.objects.create(
        person=person, role=role, title=title, area=area, organisation=organisation
    )


@transaction.atomic
def link_account(*, account, person: Person | None) -> None:
    """``account`` is the one ``person`` signs in with (None: no person). A person has at
    most one account: linking another person first unlinks the former one."""
    formers = Person.objects.filter(account=account)
    if person is not None:
        formers = formers.exclude(pk=person.pk)
    for former in formers:
        former.account = None
        former.save(update_fields=["account", "updated_at"])
    if person is not None and person.account_id != account.pk:
        person.account = account
        person.save(update_fields=["account", "updated_at"])

"""Fictional demonstration data: a few partner local governments, organisations, people
and one account per role. Names of people are invented; e-mails use example.org."""

from __future__ import annotations

import secrets

from auditlog.context import disable_auditlog
from django.db import transaction

from coopdec.accounts import second_factor
from coopdec.accounts.enums import Role
from coopdec.accounts.models import User
from coopdec.core.reference import LoadReport, upsert
from coopdec.demo.cooperation import load_cooperation
from coopdec.demo.library import load_library
from coopdec.demo.meetings import load_meetings
from coopdec.demo.news import load_news
from coopdec.demo.opportunities import load_opportunities
from coopdec.demo.practices import load_practices
from coopdec.demo.programmes import load_programmes
from coopdec.demo.volunteers import load_volunteers
from coopdec.directory.enums import OrganisationKind, PositionRole
from coopdec.directory.models import Organisation, Person, Position
from coopdec.territories.models import AdminLevel, Area, Country

# (country, level, slug, name, official code, parent slug or "")
LOCAL_GOVERNMENTS = [
    ("FR", "region", "nouvelle-aquitaine", "Région Nouvelle-Aquitaine", "75", ""),
    ("FR", "departement", "deux-sevres", "Département des Deux-Sèvres", "79", "nouvelle-aquitaine"),
    ("FR", "commune", "bressuire", "Bressuire", "79049", "deux-sevres"),
    ("FR", "commune", "cerizay", "Cerizay", "79062", "deux-sevres"),
    ("FR", "commune", "chauray", "Chauray", "79081", "deux-sevres"),
    ("FR", "commune", "issy-les-moulineaux", "Issy-les-Moulineaux", "92040", ""),
    ("BJ", "commune", "bohicon", "Bohicon", "", ""),
    ("GH", "district", "ho", "Ho Municipal Assembly", "", ""),
    ("BF", "commune", "koudougou", "Koudougou", "", ""),
]

# (slug, name, acronym, kind, country, based in (country, level, slug) or None)
ORGANISATIONS = [
    (
        "faitiere-des-communes-du-togo",
        "Faîtière des Communes du Togo",
        "FCT",
        OrganisationKind.NETWORK,
        "TG",
        None,
    ),
    (
        "comite-jumelage-bressuire-kpalime",
        "Comité de jumelage Bressuire – Kpalimé (démo)",
        "",
        OrganisationKind.TWINNING_ASSOCIATION,
        "FR",
        ("FR", "commune", "bressuire"),
    ),
    (
        "ambassade-france-togo-scac",
        "Ambassade de France au Togo – service de coopération",
        "SCAC",
        OrganisationKind.EMBASSY,
        "FR",
        None,
    ),
    (
        "france-volontaires",
        "France Volontaires",
        "",
        OrganisationKind.SENDING_ORGANISATION,
        "FR",
        None,
    ),
    ("cites-unies-france", "Cités Unies France", "CUF", OrganisationKind.NETWORK, "FR", None),
]

# (first, last, e-mail, role, at: ("area", country, level, slug) or ("organisation", slug))
PEOPLE = [
    (
        "Afi",
        "Mensah",
        "afi.mensah@example.org",
        PositionRole.FOCAL_POINT,
        ("area", "TG", "commune", "kloto-1"),
    ),
    (
        "Kodjo",
        "Amegah",
        "kodjo.amegah@example.org",
        PositionRole.MAYOR,
        ("area", "TG", "commune", "kloto-1"),
    ),
    (
        "Yawa",
        "Agbeko",
        "yawa.agbeko@example.org",
        PositionRole.FOCAL_POINT,
        ("area", "TG", "commune", "wawa-1"),
    ),
    (
        "Claire",
        "Dubreuil",
        "claire.dubreuil@example.org",
        PositionRole.CHAIR,
        ("organisation", "comite-jumelage-bressuire-kpalime"),
    ),
    (
        "Marc",
        "Levasseur",
        "marc.levasseur@example.org",
        PositionRole.STAFF,
        ("area", "FR", "commune", "bressuire"),
    ),
]

# (username, role, first, last, scope areas, scope organisations)
ACCOUNTS = [
    ("admin", Role.FEDERATION_ADMIN, "Administratrice", "FCT", [], []),
    ("chargee.cooperation", Role.FEDERATION_STAFF, "Chargée", "de coopération", [], []),
    ("pf.kloto1", Role.FOCAL_POINT, "Afi", "Mensah", [("TG", "commune", "kloto-1")], []),
    ("pf.wawa1", Role.FOCAL_POINT, "Yawa", "Agbeko", [("TG", "commune", "wawa-1")], []),
    (
        "partenaire.bressuire",
        Role.PARTNER,
        "Claire",
        "Dubreuil",
        [("FR", "commune", "bressuire")],
        ["comite-jumelage-bressuire-kpalime"],
    ),
    ("observateur.ambassade", Role.OBSERVER, "Observateur", "Ambassade", [], []),
    ("volontaire", Role.VOLUNTEER, "Volontaire", "VSI", [], []),
]


def _area(country: str, level: str, slug: str) -> Area:
    return Area.objects.get(country__code=country, level__code=level, slug=slug)


@transaction.atomic
def load_demo() -> tuple[LoadReport, dict[str, str]]:
    """Create or update the demo records, and give every demo account a new random password
    (and the federation's accounts a one-time code for the second step of sign-in).

    Returns the load report and the new sign-ins (user name → password).
    """
    report = LoadReport()
    with disable_auditlog():
        for country, level_code, slug, name, code, parent_slug in LOCAL_GOVERNMENTS:
            level = AdminLevel.objects.get(country__code=country, code=level_code)
            parent = (
                Area.objects.filter(country__code=country, slug=parent_slug).first()
                if parent_slug
                else None
            )
            upsert(
                Area,
                report,
                lookup={"country": level.country, "level": level, "slug": slug},
                values={"name": name, "official_code": code, "parent": parent},
            )
        for slug, name, acronym, kind, country, based_in in ORGANISATIONS:
            upsert(
                Organisation,
                report,
                lookup={"slug": slug},
                values={
                    "name": name,
                    "acronym": acronym,
                    "kind": kind,
                    "country": Country.objects.get(code=country),
                    "based_in": _area(*based_in) if based_in else None,
                },
            )
        for first, last, email, role, at in PEOPLE:
            person = upsert(
                Person,
                report,
                lookup={"email": email},
                values={"first_name": first, "last_name": last},
            )
            body = (
                {"area": _area(*at[1:])}
                if at[0] == "area"
                else {"organisation": Organisation.objects.get(slug=at[1])}
            )
            upsert(Position, report, lookup={"person": person, "role": role, **body}, values={})
        load_cooperation(report)
        load_programmes(report)
        load_meetings(report)
        load_practices(report)
        load_library(report)
        load_news(report)
        passwords = {}
        for username, account_role, first, last, areas, organisations in ACCOUNTS:
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={
                    "role": account_role,
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            user.local_governments.set([_area(*area) for area in areas])
            user.organisations.set(Organisation.objects.filter(slug__in=organisations))
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            if second_factor.required_for(user):
                # A newcomer has no authenticator yet: one recovery code lets them in, and
                # they may then set up the app from their account.
                (code,) = second_factor.new_recovery_codes(user, count=1)
                password = f"{password}  {code}"
            passwords[username] = password
        load_opportunities(report)  # after the accounts: announced to the focal points
        load_volunteers(report)  # after the accounts: the demo volunteer has a record
    return report, passwords

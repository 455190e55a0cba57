"""Every URL the project defines × every role: the status each role must get.

The expectations below are written by hand from the product's rules, not read from the
code. A new URL that is missing here, or a view that declares no access rule, fails.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coopdec.comments import services as comments
from coopdec.core.addresses import slug_of
from coopdec.notifications import links
from coopdec.notifications.models import Mail
from coopdec.opportunities.models import Opportunity
from coopdec.public.tasks import build_open_data

ROLES = ["anonymous", "admin", "staff", "focal_point", "partner", "observer", "volunteer"]
LOGIN = "login"  # anonymous visitors are sent to the sign-in page

PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)}
CSP = {
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
}
SECURE_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

FEDERATION_ONLY = {
    "anonymous": LOGIN,
    "admin": 200,
    "staff": 200,
    "focal_point": 403,
    "partner": 403,
    "observer": 403,
    "volunteer": 403,
}

POST_ONLY_FEDERATION = {**FEDERATION_ONLY, "admin": 405, "staff": 405}

TAKES_PART = {
    "anonymous": LOGIN,
    "admin": 200,
    "staff": 200,
    "focal_point": 200,
    "partner": 200,
    "observer": 403,
    "volunteer": 403,
}

RUNS_PROGRAMME = {**FEDERATION_ONLY, "partner": 200}
MEETINGS = {**FEDERATION_ONLY, "partner": 200, "observer": 200}
MISSIONS = {**FEDERATION_ONLY, "partner": 200, "focal_point": 200}
READS_REPORTS = MEETINGS
# A practice waiting for validation: the federation and those who speak for its communes.
PENDING_PRACTICE = {
    "anonymous": 404,
    "admin": 200,
    "staff": 200,
    "focal_point": 200,
    "partner": 200,
    "observer": 404,
    "volunteer": 404,
}

# url name → (kwargs builder, expected status by role)
EXPECTED = {
    "public:home": (None, PUBLIC),
    "public:search": (None, PUBLIC),
    "public:map": (None, PUBLIC),
    "public:country_map": (None, PUBLIC),
    "public:country": (lambda f: {"slug": "france"}, PUBLIC),
    "public:partnership_list": (None, PUBLIC),
    "public:project_list": (None, PUBLIC),
    "public:sitemap": (None, PUBLIC),
    "public:open_data": (None, PUBLIC),
    "public:opportunity_list": (None, PUBLIC),
    "public:open_data_file": (lambda f: {"name": "partenariats.csv"}, PUBLIC),
    # The atlas shows public records only, to everyone alike (signed in or not): the
    # fixture partnership is not marked public, so its atlas pages are 404 for all.
    "public:partnership": (
        lambda f: {"pk": f["partnership"].pk, "slug": "kloto-1-bressuire"},
        dict.fromkeys(ROLES, 404),
    ),
    "public:partnership_short": (lambda f: {"pk": f["partnership"].pk}, dict.fromkeys(ROLES, 404)),
    "public:project": (
        lambda f: {"pk": f["project"].pk, "slug": "eau"},
        dict.fromkeys(ROLES, 404),
    ),
    "public:project_short": (lambda f: {"pk": f["project"].pk}, dict.fromkeys(ROLES, 404)),
    # The fixture programme is kept to members: no atlas page, whoever asks.
    "public:programme_list": (None, PUBLIC),
    "public:programme": (
        lambda f: {"pk": f["programme"].pk, "slug": slug_of(f["programme"].name)},
        dict.fromkeys(ROLES, 404),
    ),
    "public:programme_short": (
        lambda f: {"pk": f["programme"].pk},
        dict.fromkeys(ROLES, 404),
    ),
    # The API reads public records only and ignores who asks: the same for every role.
    "api:api-root": (None, PUBLIC),
    "api:schema": (None, PUBLIC),
    "api:commune-list": (None, PUBLIC),
    "api:commune-detail": (lambda f: {"slug": "kloto-1"}, PUBLIC),
    "api:local_government-list": (None, PUBLIC),
    "api:local_government-detail": (
        lambda f: {"pk": f["twinning_association"].based_in_id},
        PUBLIC,
    ),
    "api:partnership-list": (None, PUBLIC),
    "api:partnership-detail": (lambda f: {"pk": f["partnership"].pk}, dict.fromkeys(ROLES, 404)),
    "api:project-list": (None, PUBLIC),
    "api:project-detail": (lambda f: {"pk": f["project"].pk}, dict.fromkeys(ROLES, 404)),
    "api:opportunity-list": (None, PUBLIC),
    "api:programme-list": (None, PUBLIC),
    "api:practice-list": (None, PUBLIC),
    # The fixture practice waits for validation: not in the API, whoever asks.
    "api:practice-detail": (lambda f: {"pk": f["practice"].pk}, dict.fromkeys(ROLES, 404)),
    "public:practice_feed": (None, PUBLIC),
    # Comments and follows: whoever may see the record (the fixture partnership is not
    # public: the volunteer may not); POST only. A comment is corrected by its author
    # (the focal point), deleted by the federation.
    "comments:add": (
        lambda f: {"kind": "partnerships.partnership", "pk": f["partnership"].pk},
        {**dict.fromkeys(ROLES, 405), "anonymous": LOGIN, "volunteer": 404},
    ),
    "comments:follow": (
        lambda f: {"kind": "partnerships.partnership", "pk": f["partnership"].pk},
        {**dict.fromkeys(ROLES, 405), "anonymous": LOGIN, "volunteer": 404},
    ),
    "comments:edit": (
        lambda f: {"pk": f["comment"].pk},
        {**dict.fromkeys(ROLES, 403), "anonymous": LOGIN, "focal_point": 200, "volunteer": 404},
    ),
    "comments:delete": (lambda f: {"pk": f["comment"].pk}, FEDERATION_ONLY),
    # News: visitors read public posts, members every validated one (the fixture post is
    # for members); the federation and partners write.
    "news:list": (None, PUBLIC),
    "news:create": (None, {**FEDERATION_ONLY, "partner": 200}),
    "news:detail": (
        lambda f: {"pk": f["post"].pk},
        {**dict.fromkeys(ROLES, 301), "anonymous": 404},
    ),
    "news:page": (
        lambda f: {"pk": f["post"].pk, "slug": slug_of(f["post"].title)},
        {**dict.fromkeys(ROLES, 200), "anonymous": 404},
    ),
    "news:image": (
        lambda f: {"pk": f["post"].pk},
        {**dict.fromkeys(ROLES, 200), "anonymous": 404},
    ),
    "news:edit": (lambda f: {"pk": f["post"].pk}, {**FEDERATION_ONLY, "partner": 404}),
    "public:news_feed": (None, PUBLIC),
    # The newsletter: anyone subscribes, confirms and leaves with a signed link, and reads
    # the sent issues; the federation prepares and sends them.
    "newsletter:subscribe": (None, PUBLIC),
    "newsletter:confirm": (lambda f: {"token": f["confirm_token"]}, PUBLIC),
    "newsletter:leave": (lambda f: {"token": f["leave_token"]}, PUBLIC),
    "newsletter:archive_issue": (lambda f: {"pk": f["issue"].pk}, PUBLIC),
    "newsletter:issues": (None, FEDERATION_ONLY),
    "newsletter:issue": (lambda f: {"pk": f["issue"].pk}, FEDERATION_ONLY),
    "newsletter:send": (
        lambda f: {"pk": f["issue"].pk},
        {**FEDERATION_ONLY, "admin": 302, "staff": 302},
    ),
    # The library: members read it all, visitors what is for everyone (the fixture
    # publication is for members); the federation keeps it.
    "library:list": (None, PUBLIC),
    "library:create": (None, FEDERATION_ONLY),
    "library:detail": (
        lambda f: {"pk": f["publication"].pk},
        {**dict.fromkeys(ROLES, 200), "anonymous": 404},
    ),
    "library:edit": (lambda f: {"pk": f["publication"].pk}, FEDERATION_ONLY),
    # Good practices: anyone reads the validated ones; members propose them.
    "practices:list": (None, PUBLIC),
    "practices:create": (None, TAKES_PART),
    "practices:from_project": (lambda f: {"pk": f["project"].pk}, TAKES_PART),
    "practices:detail": (
        lambda f: {"pk": f["practice"].pk},
        {role: 301 if code == 200 else code for role, code in PENDING_PRACTICE.items()},
    ),
    "practices:page": (
        lambda f: {"pk": f["practice"].pk, "slug": slug_of(f["practice"].title)},
        PENDING_PRACTICE,
    ),
    "practices:edit": (
        lambda f: {"pk": f["practice"].pk},
        {**TAKES_PART, "observer": 403, "volunteer": 403},
    ),
    "api:programme-detail": (lambda f: {"pk": f["programme"].pk}, dict.fromkeys(ROLES, 404)),
    # The fixture opportunity is for members only: not in the API, whoever asks.
    "api:opportunity-detail": (
        lambda f: {"pk": f["opportunity"].pk},
        dict.fromkeys(ROLES, 404),
    ),
    # Opportunities: members read published ones; the federation writes them.
    "opportunities:list": (None, SIGNED_IN),
    "opportunities:detail": (lambda f: {"pk": f["opportunity"].pk}, SIGNED_IN),
    # Partners propose opportunities (the federation publishes them) and change their own
    # proposals only: the fixture opportunity is the federation's.
    "opportunities:create": (None, {**FEDERATION_ONLY, "partner": 200}),
    "opportunities:edit": (lambda f: {"pk": f["opportunity"].pk}, FEDERATION_ONLY),
    "opportunities:follow_up": (None, FEDERATION_ONLY),
    # POST only (GET: 405 once allowed): a commune's answer by its focal point or the
    # federation; forwarding to a commune by the federation.
    "opportunities:answer": (
        lambda f: {"pk": f["opportunity"].pk, "commune": f["partnership"].local_government_id},
        {**POST_ONLY_FEDERATION, "focal_point": 405},
    ),
    "opportunities:forward": (
        lambda f: {"pk": f["opportunity"].pk, "commune": f["partnership"].local_government_id},
        POST_ONLY_FEDERATION,
    ),
    # Members read programmes as they read partnerships (the fixture's is validated, not
    # public: volunteers do not see it); the federation creates them; it and the lead's
    # partners (Bressuire leads it) change them and keep their plan, payments, activities.
    "programmes:list": (None, SIGNED_IN),
    "programmes:detail": (lambda f: {"pk": f["programme"].pk}, {**SIGNED_IN, "volunteer": 404}),
    "programmes:create": (None, FEDERATION_ONLY),
    "programmes:edit": (lambda f: {"pk": f["programme"].pk}, RUNS_PROGRAMME),
    "programmes:cofunding": (lambda f: {"pk": f["programme"].pk}, RUNS_PROGRAMME),
    "programmes:payment": (lambda f: {"pk": f["programme"].pk}, RUNS_PROGRAMME),
    "programmes:activity_create": (lambda f: {"pk": f["programme"].pk}, RUNS_PROGRAMME),
    "programmes:activity_edit": (lambda f: {"pk": f["activity"].pk}, RUNS_PROGRAMME),
    # A commune's one-page profile: anyone (the public records for visitors, what each
    # account reads for members).
    "inventory:commune_profile": (lambda f: {"slug": "kloto-1"}, PUBLIC),
    "inventory:commune_profile_pdf": (lambda f: {"slug": "kloto-1"}, PUBLIC),
    # Monthly reports: the federation drafts and issues them; observers and partners
    # read the issued ones (the fixture's is issued).
    "reports:list": (None, READS_REPORTS),
    "reports:detail": (lambda f: {"pk": f["report"].pk}, READS_REPORTS),
    "reports:file": (lambda f: {"pk": f["report"].pk, "kind": "docx"}, READS_REPORTS),
    # Volunteers: the federation keeps them. The fixture mission is hosted by Kloto 1 (the
    # focal point's commune) and sent by the partner's association: both read it, the focal
    # point without contact details nor the volunteer's page. Observers read the cohort's
    # aggregate figures only. The volunteer reads their own page and data. The survey link
    # opens for whoever holds it (the server checks the link, not the reader).
    "volunteers:list": (None, MISSIONS),
    "volunteers:cohort": (None, {**MISSIONS, "observer": 200}),
    "volunteers:me": (None, {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "volunteer": 302}),
    "volunteers:volunteer_create": (None, FEDERATION_ONLY),
    "volunteers:volunteer": (
        lambda f: {"pk": f["volunteer"].pk},
        {**FEDERATION_ONLY, "partner": 200, "volunteer": 200},
    ),
    "volunteers:volunteer_edit": (lambda f: {"pk": f["volunteer"].pk}, FEDERATION_ONLY),
    "volunteers:volunteer_data": (
        lambda f: {"pk": f["volunteer"].pk},
        {**FEDERATION_ONLY, "volunteer": 200},
    ),
    "volunteers:volunteer_data_pdf": (
        lambda f: {"pk": f["volunteer"].pk},
        {**FEDERATION_ONLY, "volunteer": 200},
    ),
    # A yes or no: the volunteer, or the federation from a signed form (POST only).
    "volunteers:consent": (
        lambda f: {"pk": f["volunteer"].pk},
        {**POST_ONLY_FEDERATION, "volunteer": 405},
    ),
    "volunteers:erase": (lambda f: {"pk": f["volunteer"].pk}, POST_ONLY_FEDERATION),
    # Asked by the volunteer themself, and no one else (POST only).
    "volunteers:erasure_request": (
        lambda f: {"pk": f["volunteer"].pk},
        {**FEDERATION_ONLY, "admin": 403, "staff": 403, "volunteer": 405},
    ),
    "volunteers:mission_create": (lambda f: {"pk": f["volunteer"].pk}, FEDERATION_ONLY),
    "volunteers:mission": (lambda f: {"pk": f["mission"].pk}, MISSIONS),
    "volunteers:mission_edit": (lambda f: {"pk": f["mission"].pk}, FEDERATION_ONLY),
    "volunteers:resend": (lambda f: {"pk": f["invitation"].pk}, POST_ONLY_FEDERATION),
    "volunteers:plan": (None, FEDERATION_ONLY),
    "volunteers:questionnaires": (None, FEDERATION_ONLY),
    "volunteers:questionnaire_import": (None, FEDERATION_ONLY),
    "volunteers:wave_edit": (lambda f: {"pk": f["invitation"].wave_id}, FEDERATION_ONLY),
    "volunteers:survey": (lambda f: {"token": f["survey_token"]}, PUBLIC),
    # The federation keeps meetings; observers read them all, partners those their
    # organisation is invited to (the fixture's invites the partner's association, which
    # owns its action: the partner may mark it done, by POST only).
    "meetings:list": (None, MEETINGS),
    "meetings:detail": (lambda f: {"pk": f["meeting"].pk}, MEETINGS),
    "meetings:create": (None, FEDERATION_ONLY),
    "meetings:edit": (lambda f: {"pk": f["meeting"].pk}, FEDERATION_ONLY),
    "meetings:calendar": (lambda f: {"pk": f["meeting"].pk}, MEETINGS),
    "meetings:invitations_send": (lambda f: {"pk": f["meeting"].pk}, POST_ONLY_FEDERATION),
    "meetings:attendance": (lambda f: {"pk": f["meeting"].pk}, FEDERATION_ONLY),
    "meetings:invitee_add": (lambda f: {"pk": f["meeting"].pk}, FEDERATION_ONLY),
    "meetings:item_create": (lambda f: {"pk": f["meeting"].pk}, FEDERATION_ONLY),
    "meetings:item_edit": (lambda f: {"pk": f["item"].pk}, FEDERATION_ONLY),
    "meetings:outcome_create": (lambda f: {"pk": f["item"].pk}, FEDERATION_ONLY),
    "meetings:action_create": (lambda f: {"pk": f["item"].pk}, FEDERATION_ONLY),
    "meetings:minutes_share": (lambda f: {"pk": f["meeting"].pk}, POST_ONLY_FEDERATION),
    "meetings:minutes_approve": (lambda f: {"pk": f["meeting"].pk}, POST_ONLY_FEDERATION),
    "meetings:actions": (None, MEETINGS),
    "meetings:action_status": (
        lambda f: {"pk": f["action"].pk},
        {**POST_ONLY_FEDERATION, "partner": 405},
    ),
    # Everyone signed in has an inbox and e-mail preferences (their own); the signed link
    # of an e-mail opens one person's preferences or unsubscribes them, without signing in.
    "notifications:inbox": (None, SIGNED_IN),
    "notifications:preferences": (None, SIGNED_IN),
    "notifications:preferences_link": (lambda f: {"token": f["token"]}, PUBLIC),
    "notifications:unsubscribe": (lambda f: {"token": f["token"]}, PUBLIC),
    "notifications:outbox": (None, FEDERATION_ONLY),
    "notifications:retry": (lambda f: {"pk": f["mail"].pk}, POST_ONLY_FEDERATION),
    "core:set_language": (None, dict.fromkeys(ROLES, 302)),  # GET only redirects back
    "core:robots_txt": (None, PUBLIC),
    "accounts:login": (None, {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)}),
    "accounts:logout": (None, {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 405)}),  # POST only
    "accounts:account": (None, SIGNED_IN),
    "accounts:home": (None, SIGNED_IN),
    # An altered invitation link: a clear page, for anyone.
    "accounts:invitation": (lambda f: {"token": "altered"}, dict.fromkeys(ROLES, 400)),
    "directory:account_list": (None, FEDERATION_ONLY),
    "directory:account_invite": (None, FEDERATION_ONLY),
    "directory:account_edit": (lambda f: {"pk": f["focal_user"].pk}, FEDERATION_ONLY),
    "directory:account_invitation": (lambda f: {"pk": f["focal_user"].pk}, POST_ONLY_FEDERATION),
    # Given already (the matrix signs staff in with it): back to where they were going.
    "accounts:second_factor": (None, {**SIGNED_IN, "admin": 302, "staff": 302}),
    "accounts:second_factor_setup": (None, SIGNED_IN),
    "accounts:password_change": (None, SIGNED_IN),
    "accounts:password_change_done": (None, SIGNED_IN),
    "accounts:password_reset": (None, PUBLIC),
    "accounts:password_reset_done": (None, PUBLIC),
    "accounts:password_reset_confirm": (lambda f: {"uidb64": "MQ", "token": "bad-token"}, PUBLIC),
    "accounts:password_reset_complete": (None, PUBLIC),
    "territories:commune_list": (None, PUBLIC),
    "territories:commune_detail": (lambda f: {"slug": "kloto-1"}, PUBLIC),
    "territories:commune_edit": (
        lambda f: {"slug": "kloto-1"},
        {
            "anonymous": LOGIN,
            "admin": 200,
            "staff": 200,
            "focal_point": 200,
            "partner": 404,
            "observer": 403,
            "volunteer": 403,
        },
    ),
    # A focal point reads the history of its own commune's records.
    "territories:commune_history": (
        lambda f: {"slug": "kloto-1"},
        {**FEDERATION_ONLY, "focal_point": 200},
    ),
    "territories:lg_list": (None, PUBLIC),
    "territories:lg_detail": (
        lambda f: {"country": "fr", "level": "commune", "slug": "bressuire"},
        PUBLIC,
    ),
    "territories:lg_edit": (
        lambda f: {"country": "fr", "level": "commune", "slug": "bressuire"},
        {
            "anonymous": LOGIN,
            "admin": 200,
            "staff": 200,
            "focal_point": 404,
            "partner": 200,
            "observer": 403,
            "volunteer": 403,
        },
    ),
    "territories:lg_history": (
        lambda f: {"country": "fr", "level": "commune", "slug": "bressuire"},
        FEDERATION_ONLY,
    ),
    "directory:organisation_list": (None, PUBLIC),
    "directory:organisation_detail": (lambda f: {"slug": f["twinning_association"].slug}, PUBLIC),
    "directory:organisation_create": (None, TAKES_PART),
    # Contacts are added at a body one may change: the partner speaks for the association.
    "directory:organisation_contact_create": (
        lambda f: {"slug": f["twinning_association"].slug},
        {**TAKES_PART, "focal_point": 404},
    ),
    # Kloto 1: its focal point's commune; the Bressuire partner does not speak for it.
    "directory:area_contact_create": (
        lambda f: {"pk": f["partnership"].local_government_id},
        {**TAKES_PART, "partner": 404},
    ),
    "directory:organisation_edit": (
        lambda f: {"slug": f["twinning_association"].slug},
        {
            "anonymous": LOGIN,
            "admin": 200,
            "staff": 200,
            "focal_point": 403,
            "partner": 200,
            "observer": 403,
            "volunteer": 403,
        },
    ),
    "directory:organisation_history": (
        lambda f: {"slug": f["twinning_association"].slug},
        FEDERATION_ONLY,
    ),
    "directory:person_list": (
        None,
        {
            "anonymous": LOGIN,
            "admin": 200,
            "staff": 200,
            "focal_point": 200,
            "partner": 200,
            "observer": 403,
            "volunteer": 403,
        },
    ),
    # The mayor of Wawa 1: outside the Kloto 1 focal point's and the partner's scope.
    "directory:person_detail": (
        lambda f: {"pk": f["wawa_mayor"].pk},
        {
            "anonymous": LOGIN,
            "admin": 200,
            "staff": 200,
            "focal_point": 404,
            "partner": 404,
            "observer": 403,
            "volunteer": 403,
        },
    ),
    "directory:person_edit": (
        lambda f: {"pk": f["wawa_mayor"].pk},
        {
            "anonymous": LOGIN,
            "admin": 200,
            "staff": 200,
            "focal_point": 404,
            "partner": 404,
            "observer": 403,
            "volunteer": 403,
        },
    ),
    "directory:person_history": (
        lambda f: {"pk": f["wawa_mayor"].pk},
        {**FEDERATION_ONLY, "focal_point": 404},  # Wawa's mayor: outside Kloto's scope
    ),
    # Inside the Kloto 1 – Bressuire partnership: the Kloto 1 focal point and the Bressuire
    # partner take part in it; observers and volunteers only read.
    "partnerships:partnership_list": (None, SIGNED_IN),
    # The fixture's partnership is validated but not public: volunteers do not read it.
    "partnerships:partnership_detail": (
        lambda f: {"pk": f["partnership"].pk},
        {**SIGNED_IN, "volunteer": 404},
    ),
    "partnerships:partnership_create": (
        None,
        {**TAKES_PART, "partner": 403},  # partners join partnerships, focal points start them
    ),
    "partnerships:partnership_edit": (lambda f: {"pk": f["partnership"].pk}, TAKES_PART),
    "partnerships:partnership_history": (
        lambda f: {"pk": f["partnership"].pk},
        {**FEDERATION_ONLY, "focal_point": 200},
    ),
    "partnerships:event_create": (lambda f: {"pk": f["partnership"].pk}, TAKES_PART),
    "partnerships:event_edit": (lambda f: {"pk": f["event"].pk}, TAKES_PART),
    "projects:project_list": (None, SIGNED_IN),
    "projects:project_detail": (
        lambda f: {"pk": f["project"].pk},
        {**SIGNED_IN, "volunteer": 404},
    ),
    "projects:project_create": (lambda f: {"pk": f["partnership"].pk}, TAKES_PART),
    "projects:project_edit": (lambda f: {"pk": f["project"].pk}, TAKES_PART),
    "projects:funding_create": (lambda f: {"pk": f["project"].pk}, TAKES_PART),
    "projects:funding_edit": (lambda f: {"pk": f["line"].pk}, TAKES_PART),
    "projects:indicator_create": (lambda f: {"pk": f["project"].pk}, TAKES_PART),
    "projects:indicator_edit": (lambda f: {"pk": f["indicator"].pk}, TAKES_PART),
    "projects:measurement_create": (lambda f: {"pk": f["indicator"].pk}, TAKES_PART),
    "documents:document_create": (
        lambda f: {"kind": "partnership", "pk": f["partnership"].pk},
        TAKES_PART,
    ),
    "documents:download": (
        lambda f: {"pk": f["document"].pk},
        # The fixture's agreement is for members: every signed-in member who sees the
        # partnership reads it (test_audience covers the parties-only and public ones);
        # volunteers do not see this partnership.
        {**TAKES_PART, "observer": 200, "volunteer": 404},
    ),
    "review:queue": (None, FEDERATION_ONLY),
    "review:mine": (None, SIGNED_IN),
    # Decisions are POST only: the federation gets 405 on GET, everyone else 403.
    "review:decide": (lambda f: {"pk": 1}, {**FEDERATION_ONLY, "admin": 405, "staff": 405}),
    "review:accept_all": (None, POST_ONLY_FEDERATION),
    "review:settings": (None, {**FEDERATION_ONLY, "staff": 403}),
    "inventory:dashboard": (None, {**FEDERATION_ONLY, "observer": 200}),
    "inventory:export": (
        lambda f: {"key": "status", "extension": "xlsx"},
        {**FEDERATION_ONLY, "observer": 200},
    ),
    "inventory:completeness": (None, FEDERATION_ONLY),
    "projects:iati_export": (None, {**FEDERATION_ONLY, "observer": 200}),
    # Imports write published records in bulk: federation staff only.
    "imports:list": (None, FEDERATION_ONLY),
    "imports:draft": (lambda f: {"pk": f["draft"].pk}, FEDERATION_ONLY),
    "imports:template": (lambda f: {"kind": "people"}, FEDERATION_ONLY),
    "imports:commit": (
        lambda f: {"pk": f["draft"].pk},
        {**FEDERATION_ONLY, "admin": 405, "staff": 405},
    ),
    "imports:save_mapping": (
        lambda f: {"pk": f["draft"].pk},
        {**FEDERATION_ONLY, "admin": 405, "staff": 405},
    ),
    "imports:undo": (
        lambda f: {"pk": f["draft"].pk},
        {**FEDERATION_ONLY, "admin": 405, "staff": 405},
    ),
}


def _project_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's own admin: superusers only, tested in test_admin_access
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.extend(_project_patterns(entry, inner))
        else:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def test_every_url_declares_an_access_rule_and_has_expectations():
    patterns = _project_patterns(get_resolver())
    undeclared = [
        name for name, pattern in patterns if not hasattr(pattern.callback, "access_rule")
    ]
    assert undeclared == [], f"views without a declared access rule: {undeclared}"
    names = {name for name, _pattern in patterns}
    assert names == set(EXPECTED), (
        f"URLs missing from the matrix: {sorted(names - set(EXPECTED))}; "
        f"stale entries: {sorted(set(EXPECTED) - names)}"
    )


def _draft_import(author):
    from django.core.files.base import ContentFile

    from coopdec.imports.models import ImportRun

    run = ImportRun(kind="partnerships", file_name="liste.csv", state="draft", author=author)
    run.file.save("liste.csv", ContentFile(b"Commune;Partenaire\nKloto 1;Bressuire\n"), save=False)
    run.save()
    return run


def _programme(partnership) -> dict:
    """A validated programme led by Bressuire (the partner's local government), not public,
    pooling the fixture's partnership, with one activity."""
    from coopdec.programmes.models import Activity, Programme
    from coopdec.territories.models import Currency

    programme = Programme.objects.create(
        name="Programme concerté",
        lead_government=partnership.partner_governments.get(),
        currency=Currency.objects.get(code="EUR"),
        published=True,
    )
    programme.partnerships.set([partnership])
    activity = Activity.objects.create(programme=programme, kind="training", title="Formation")
    return {"programme": programme, "activity": activity}


def _meeting(organisation) -> dict:
    """A steering committee that invites ``organisation``, with one item and one action
    that organisation owns."""
    from datetime import UTC, date, datetime

    from coopdec.meetings.models import Action, Attendance, Item, Meeting

    meeting = Meeting.objects.create(
        kind="steering_committee",
        title="Comité de pilotage",
        starts_at=datetime(2026, 3, 10, 9, tzinfo=UTC),
    )
    Attendance.objects.create(meeting=meeting, organisation=organisation)
    item = Item.objects.create(meeting=meeting, order=1, title="Travaux du mois")
    action = Action.objects.create(
        item=item,
        title="Envoyer la liste",
        owner_organisation=organisation,
        due_on=date(2026, 4, 1),
    )
    return {"meeting": meeting, "item": item, "action": action}


def _volunteer(account, host, sender) -> dict:
    """A volunteer (with ``account``) agreeing to surveys, on a mission hosted by ``host``
    and sent by ``sender``, invited to its "end of mission" survey."""
    from datetime import date, timedelta

    from django.utils import timezone

    from coopdec.volunteers import services
    from coopdec.volunteers.models import Invitation, Mission, Volunteer

    volunteer = services.write_volunteer(
        Volunteer(), {"name": "Awa Volontaire", "email": "awa@example.org", "account": account}
    )
    services.set_consent(volunteer, "surveys", True, by_volunteer=False)
    mission = services.write_mission(
        Mission(volunteer=volunteer),
        {
            "scheme": "vsi",
            "host_government": host,
            "sending_organisation": sender,
            "actual_start": date(2025, 1, 1),
            "actual_end": date(2025, 12, 31),
        },
    )
    invitation = mission.invitations.get(wave__code="end")
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now(),
        sends=1,
        closes_on=timezone.localdate() + timedelta(days=30),
        questionnaire=invitation.wave.questionnaire,
    )
    return {
        "volunteer": volunteer,
        "mission": mission,
        "invitation": invitation,
        "survey_token": services.token_for(invitation),
    }


def _report() -> dict:
    """An issued monthly report (its files as the worker stores them)."""
    from datetime import date

    from django.core.files.base import ContentFile

    from coopdec.reports.models import MonthlyReport

    report = MonthlyReport.objects.create(month=date(2026, 3, 1), state="issued")
    report.docx.save("rapport-2026-03.docx", ContentFile(b"docx"))
    return {"report": report}


def _practice(author, project):
    """A good practice a focal point proposed from the Kloto 1 project, not validated yet."""
    from coopdec.practices import services
    from coopdec.practices.models import GoodPractice

    practice = GoodPractice(
        title="Des forages", summary="-", context="-", actions="-", proposed_by=author
    )
    services.write(practice, {"projects": [project]})
    return practice


def _newsletter() -> dict:
    """A subscriber's links, and an issue sent."""
    from datetime import date

    from django.utils import timezone

    from coopdec.newsletter import services
    from coopdec.newsletter.models import Issue, Subscriber

    subscriber = Subscriber.objects.create(email="lecteur@example.org")
    issue = Issue.objects.create(
        cadence="monthly",
        first_day=date(2026, 1, 1),
        last_day=date(2026, 1, 31),
        contents={"news": [{"title": "Une nouvelle", "url": "/actualites/"}]},
        sent_at=timezone.now(),
    )
    return {
        "confirm_token": services.token(subscriber, "confirm"),
        "leave_token": services.token(subscriber, "leave"),
        "issue": issue,
    }


def _post():
    """A news item for members, with its image."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from coopdec.news.models import Post

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3)).save(buffer, "PNG")
    post = Post(title="Comité", summary="-", body="-", published=True)
    post.image.save("comite.png", ContentFile(buffer.getvalue()), save=False)
    post.image_description = "La salle"
    post.save()
    return post


def _publication():
    """A guide of the library for members only."""
    from coopdec.library import services
    from coopdec.library.models import Publication

    publication = Publication(title="Guide", kind="guide", summary="-", published=True)
    services.write(publication, {})
    return publication


def _fixtures(users, twinning_association, wawa_mayor, kloto_partnership) -> dict:
    project = kloto_partnership.projects.get()
    return {
        **_report(),
        **_programme(kloto_partnership),
        **_meeting(twinning_association),
        **_volunteer(users["volunteer"], kloto_partnership.local_government, twinning_association),
        "twinning_association": twinning_association,
        "wawa_mayor": wawa_mayor,
        "partnership": kloto_partnership,
        "event": kloto_partnership.events.get(),
        "project": project,
        "line": project.funding_lines.get(),
        "indicator": project.indicators.get(),
        "document": kloto_partnership.documents.get(),
        "draft": _draft_import(users["staff"]),
        "opportunity": Opportunity.objects.create(
            kind="call_for_projects", title="Appel", published=True
        ),
        "token": links.token_for(users["focal_point"]),
        "mail": Mail.objects.create(key="published:0:0", user=users["focal_point"]),
        "focal_user": users["focal_point"],
        "practice": _practice(users["focal_point"], project),
        "comment": comments.add(kloto_partnership, users["focal_point"], "Bien reçu."),
        "publication": _publication(),
        "post": _post(),
        **_newsletter(),
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_matrix_says(
    role, users, client_for, twinning_association, wawa_mayor, kloto_partnership
):
    fixtures = _fixtures(users, twinning_association, wawa_mayor, kloto_partnership)
    build_open_data.call()  # the open data files, as the background worker writes them
    client = client_for(users[role])
    failures = []
    for name, (kwargs_builder, expected_by_role) in EXPECTED.items():
        url = reverse(name, kwargs=kwargs_builder(fixtures) if kwargs_builder else None)
        response = client.get(url)
        expected = expected_by_role[role]
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(
                reverse("accounts:login")
            )
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{name} {url}: got {response.status_code}, expected {expected}")
        # Every answer, whatever it is, carries the strict policy and the secure headers.
        missing = [
            header for header, value in SECURE_HEADERS.items() if response.get(header) != value
        ]
        policy = {part.strip() for part in response.get("Content-Security-Policy", "").split(";")}
        if policy != CSP:
            missing.append("Content-Security-Policy")
        if missing:
            failures.append(f"{name} {url}: headers {missing}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_admin_access(role, users, client_for):
    """Django's admin is for superusers only: every role is sent to the admin sign-in."""
    response = client_for(users[role]).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_superuser_reaches_admin(client, db):
    from coopdec.accounts.models import User
    from coopdec.accounts.second_factor import verified_session

    root = User.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(root)
    # Django's admin asks for the second step too: no way around it.
    assert client.get("/admin/")["Location"].startswith("/deuxieme-facteur/activer/")
    verified_session(client, root)
    assert client.get("/admin/").status_code == 200


BROKEN = [
    ("path", "%00"),
    ("path", "%ff%fe"),
    ("query", "q=%00&page=%00"),
    ("query", "q=%ff%fe&status=%c3%28"),
    ("body", b"title=%00&name=\x00"),
    ("body", b"title=\xff\xfe&name=caf\xe9"),
]


def test_broken_bytes_anywhere_are_a_4xx_never_a_500(
    users, client_for, twinning_association, wawa_mayor, kloto_partnership
):
    """Acceptance 6 (issue 16): a NUL byte or invalid UTF-8 in the path, the query string
    or a form body, on every URL pattern, as federation staff (who reach the most)."""
    fixtures = _fixtures(users, twinning_association, wawa_mayor, kloto_partnership)
    build_open_data.call()  # else the files' URL answers 503, "on their way" (documented)
    client = client_for(users["staff"])
    client.raise_request_exception = False
    failures = []
    for name, (kwargs_builder, _expected) in EXPECTED.items():
        url = reverse(name, kwargs=kwargs_builder(fixtures) if kwargs_builder else None)
        for where, broken in BROKEN:
            if where == "path":
                response = client.get(url.rstrip("/") + broken + "/")
            elif where == "query":
                response = client.get(f"{url}?{broken}")
            else:
                response = client.generic(
                    "POST", url, broken, content_type="application/x-www-form-urlencoded"
                )
            if response.status_code >= 500:
                failures.append(f"{name} {where} {broken!r}: {response.status_code}")
    assert failures == [], "\n".join(failures)


# A body with the fields most forms take, so that an allowed POST could change something.
TYPICAL = {
    "title": "Titre",
    "name": "Nom",
    "kind": "visit",
    "date": "2024-01-01",
    "status": "active",
    "decision": "accept",
    "message": "Message",
    "answer": "interested",
    "population": "1000",
    "seat_town": "Ville",
    "size_class": "small",
    "planned": "1",
    "committed": "0",
    "disbursed": "0",
    "value": "1",
}


def _written():
    """How many records of the kinds a POST could write there are (and audit entries)."""
    from auditlog.models import LogEntry

    from coopdec.comments.models import Comment, Follow
    from coopdec.directory.models import Organisation, Person, Position
    from coopdec.documents.models import Document
    from coopdec.imports.models import ImportRun
    from coopdec.library.models import Publication
    from coopdec.meetings.models import Action, Attendance, Item, Meeting, Outcome
    from coopdec.news.models import Post
    from coopdec.newsletter.models import Delivery, Issue
    from coopdec.opportunities.models import Response
    from coopdec.partnerships.models import Event, Partnership
    from coopdec.practices.models import GoodPractice
    from coopdec.programmes.models import (
        Activity,
        CoFunding,
        Contribution,
        Participation,
        Programme,
    )
    from coopdec.projects.models import FundingLine, Measurement, Project
    from coopdec.reports.models import MonthlyReport
    from coopdec.review.models import Revision
    from coopdec.territories.models import Area
    from coopdec.volunteers.models import (
        Answer,
        Consent,
        Invitation,
        Mission,
        Questionnaire,
        Volunteer,
        Wave,
    )

    models = (LogEntry, Document, ImportRun, Opportunity, Response, Event, Partnership)
    models += (FundingLine, Measurement, Project, Revision, Area, Organisation, Person, Position)
    models += (Programme, CoFunding, Contribution, Activity, Participation)
    models += (Meeting, Item, Outcome, Action, Attendance, MonthlyReport)
    models += (Volunteer, Mission, Invitation, Answer, Consent, Wave, Questionnaire)
    models += (GoodPractice, Comment, Follow, Publication, Post, Issue, Delivery)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("role", ROLES)
def test_a_role_that_may_not_read_a_url_may_not_post_to_it_either(
    role, users, client_for, twinning_association, wawa_mayor, kloto_partnership
):
    """Acceptance 3 (issue 16), for writes: every URL, every role, a POST with the fields
    forms take. Where the role's GET is refused, the POST is refused the same way and
    nothing is written; where it is allowed, the answer is never a server error."""
    fixtures = _fixtures(users, twinning_association, wawa_mayor, kloto_partnership)
    build_open_data.call()
    client = client_for(users[role])
    client.raise_request_exception = False
    failures = []
    for name, (kwargs_builder, expected_by_role) in EXPECTED.items():
        if name.startswith("accounts:") or name == "core:set_language":
            continue  # sign-in, sign-out, language: their own journeys test them
        url = reverse(name, kwargs=kwargs_builder(fixtures) if kwargs_builder else None)
        expected = expected_by_role[role]
        before = _written()
        response = client.post(url, TYPICAL)
        if expected in (403, 404, LOGIN):
            refused = (
                response.status_code == 302
                and response["Location"].startswith(reverse("accounts:login"))
                if expected == LOGIN
                else response.status_code in (403, 404, 405)
            )
            if not refused:
                failures.append(f"{name}: POST got {response.status_code}, GET is {expected}")
            if _written() != before:
                failures.append(f"{name}: a refused POST wrote something")
        elif response.status_code >= 500:
            failures.append(f"{name}: POST got {response.status_code}")
    assert failures == [], "\n".join(failures)

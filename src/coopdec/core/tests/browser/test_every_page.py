"""Every URL pattern of the permission matrix, for every role, on the demonstration data, at
a phone's width and a desktop's: no page scrolls sideways and axe-core finds no serious or
critical violation — in French and in English. A screenshot of each page is kept.

The pages are read as each role reads them (signed in with the role's demonstration
account); what is not an HTML page (files, the API's JSON, redirections) is left out.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from coopdec.core.tests.browser.conftest import SCREENSHOTS, VIEWPORTS
from coopdec.core.tests.test_permission_matrix import EXPECTED, ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_ACCOUNTS = {
    "admin": "admin",
    "staff": "chargee.cooperation",
    "focal_point": "pf.kloto1",
    "partner": "partenaire.bressuire",
    "observer": "observateur.ambassade",
    "volunteer": "volontaire",
}
SERIOUS = {"serious", "critical"}
# What the page's own width is, against the window's: a page that scrolls sideways has a
# document wider than the window (a table scrolling in its own box does not count).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width) {
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 1 && !element.closest('.table-scroll')) {
        wide.push(element.tagName.toLowerCase() + (element.className\u202f? '.' + element.className\u202f: ''));
      }
      if (wide.length > 4) break;
    }
    return {width: document.documentElement.scrollWidth, wide};
  }
  return null;
}"""


def _objects() -> dict:
    """The matrix's objects, taken from the demonstration data."""
    from django.core.files.base import ContentFile

    from coopdec.accounts.models import User
    from coopdec.comments import services as comments
    from coopdec.demo.practices import WATER
    from coopdec.directory.models import Organisation, Person
    from coopdec.documents.models import Document
    from coopdec.imports.models import ImportRun
    from coopdec.library.models import Publication
    from coopdec.meetings.models import Action as MeetingAction
    from coopdec.news.models import Post
    from coopdec.notifications import links
    from coopdec.notifications.models import Mail
    from coopdec.opportunities.models import Opportunity
    from coopdec.partnerships.models import Partnership
    from coopdec.practices.models import GoodPractice
    from coopdec.programmes.models import Activity
    from coopdec.projects.models import Indicator
    from coopdec.public.tasks import build_open_data
    from coopdec.reports import services as reports
    from coopdec.volunteers import services as volunteers
    from coopdec.volunteers.models import Invitation, Volunteer

    build_open_data.call()
    partnership = Partnership.objects.get(name="Kloto 1 – Bressuire")
    indicator = Indicator.objects.filter(project__partnership=partnership).select_related(
        "project"
    )[0]
    project = indicator.project
    staff = User.objects.get(username=DEMO_ACCOUNTS["staff"])
    focal = User.objects.get(username=DEMO_ACCOUNTS["focal_point"])
    document = Document(
        kind="agreement",
        title="Convention de coopération",
        audience="members",
        content_type="text/plain",
        size=5,
        published=True,
    )
    document.attach(partnership)
    document.file.save("convention.txt", ContentFile(b"texte"))
    draft = ImportRun(kind="partnerships", file_name="liste.csv", state="draft", author=staff)
    draft.file.save("liste.csv", ContentFile(b"Commune;Partenaire\nKloto 1;Bressuire\n"))
    return {
        "twinning_association": Organisation.objects.filter(based_in__isnull=False).first(),
        "wawa_mayor": Person.objects.filter(positions__area__slug="wawa-1").first(),
        "partnership": partnership,
        "event": partnership.events.first(),
        "project": project,
        "line": project.funding_lines.first(),
        "indicator": indicator,
        "document": document,
        "draft": draft,
        "opportunity": Opportunity.objects.filter(published=True).first(),
        "token": links.token_for(focal),
        "mail": Mail.objects.create(key="published:0:0", user=focal),
        "focal_user": focal,
        "programme": (
            activity := Activity.objects.select_related("programme").order_by("pk")[0]
        ).programme,
        "activity": activity,
        "action": (
            action := MeetingAction.objects.select_related("item__meeting").order_by("pk")[0]
        ),
        "item": action.item,
        "meeting": action.item.meeting,
        "report": reports.drafted(reports.ask(date.today().replace(day=1))),
        **_survey(Invitation, Volunteer, volunteers),
        "comment": comments.add(partnership, focal, "Convention reçue, merci."),
        "publication": Publication.objects.order_by("pk")[0],
        "post": Post.objects.filter(image__gt="").order_by("pk")[0],
        **_newsletter(),
        # The demo's water practice, beside its English version.
        "practice": GoodPractice.objects.get(title=WATER),
    }


def _newsletter() -> dict:
    """A subscriber's links, and last month's issue, sent."""
    from django.utils import timezone

    from coopdec.newsletter import services
    from coopdec.newsletter.models import Subscriber

    subscriber = Subscriber.objects.create(email="lecteur@example.org")
    month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    issue = services.prepare("monthly", month)
    issue.contents = services.compose(issue.first_day, issue.last_day)
    issue.sent_at = timezone.now()
    issue.save()
    return {
        "confirm_token": services.token(subscriber, "confirm"),
        "leave_token": services.token(subscriber, "leave"),
        "issue": issue,
    }


def _survey(Invitation, Volunteer, volunteers) -> dict:
    """The demo volunteer's record, the mission hosted by Kloto 1, and a survey not answered
    whose link still works."""

    invitation = Invitation.objects.filter(
        sent_at__isnull=False, answered_at__isnull=True, mission__host_government__slug="kloto-1"
    ).select_related("mission")[0]
    Invitation.objects.filter(pk=invitation.pk).update(closes_on=date.today() + timedelta(days=30))
    return {
        "volunteer": Volunteer.objects.get(account__username=DEMO_ACCOUNTS["volunteer"]),
        "mission": invitation.mission,
        "invitation": invitation,
        "survey_token": volunteers.token_for(invitation),
    }


def _urls(objects: dict) -> list[tuple[str, str]]:
    found = []
    for name, (kwargs_builder, _expected) in EXPECTED.items():
        kwargs = kwargs_builder(objects) if kwargs_builder else None
        found.append((name, reverse(name, kwargs=kwargs)))
    return found


def _session_cookie(role: str) -> str | None:
    from coopdec.accounts.models import User
    from coopdec.accounts.second_factor import verified_session

    if role == "anonymous":
        return None
    client = Client()
    verified_session(client, User.objects.get(username=DEMO_ACCOUNTS[role]))
    return client.cookies["sessionid"].value


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_fits_a_phone_and_passes_axe(browser, live_server, demo, language):
    objects = _objects()
    urls = _urls(objects)
    failures: list[str] = []
    seen: set[str] = set()  # the same page for two roles is checked once
    checked = 0
    start = time.monotonic()
    for role in ROLES:
        context = browser.new_context(viewport=VIEWPORTS["phone"], locale="fr-FR")
        host = live_server.url.split("//", 1)[1].split(":")[0]
        cookies = [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
        session = _session_cookie(role)
        if session:
            cookies.append({"name": "sessionid", "value": session, "domain": host, "path": "/"})
        context.add_cookies(cookies)
        page = context.new_page()
        for name, url in urls:
            answer = page.request.get(live_server.url + url, max_redirects=0)
            if "text/html" not in answer.headers.get("content-type", "") or not answer.body():
                continue  # a file, JSON, a redirection, or a POST-only address
            page.set_viewport_size(VIEWPORTS["phone"])
            page.goto(live_server.url + url)
            body = page.locator("main").inner_text()
            # Another role's header around the same content (an error page, a public page):
            # the headers are each checked on their role's other pages.
            key = hashlib.sha256(body.encode()).hexdigest()
            if key in seen:
                continue
            seen.add(key)
            checked += 1
            for width, viewport in VIEWPORTS.items():
                page.set_viewport_size(viewport)
                wide = page.evaluate(OVERFLOW)
                if wide:
                    failures.append(f"{role} {language} {width} {url}: sideways {wide}")
                shot = re.sub(r"[^a-z0-9]+", "-", f"{name}-{role}").strip("-")
                page.screenshot(
                    path=str(SCREENSHOTS / "every-page" / f"{shot}-{language}-{width}.jpeg"),
                    quality=40,
                )
                for violation in _axe(page):
                    failures.append(f"{role} {language} {width} {url}: {violation}")
        context.close()
    print(f"\n{checked} distinct pages checked in {language} in {time.monotonic() - start:.0f} s")
    assert checked > 100
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)

"""Timing of pages against the raw SQL they run.

A page is timed through Django's whole request handling (middleware, view, template) with
the test client, signed in as federation staff: server time, without the network. The
"raw SQL" of a page is the set of statements the page sends for its content — captured
from the page itself, then replayed straight on a database cursor and fetched — so the
ratio shows what coopdec adds on top of the database's own work.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from coopdec.accounts.models import User
from coopdec.accounts.second_factor import verified_session
from coopdec.partnerships.enums import PartnershipStatus
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.projects.models import FundingLine, Project
from coopdec.taxonomy.models import Theme
from coopdec.territories.enums import LevelKind
from coopdec.territories.models import Area
from coopdec.volunteers.models import Answer, Invitation, Volunteer

from .dataset import STAFF

# Statements that serve the session and the signed-in account, not the page's content.
NOT_CONTENT = ("django_session", "accounts_user", "axes_")
READS = ("SELECT", "WITH")


@dataclass
class Scenario:
    key: str
    label: str
    urls: list[str]
    target_ms: float
    is_list: bool = False
    # Cold: the cache is emptied before each request, so every request computes everything.
    cold: bool = False
    # Asked by a visitor without an account (the public atlas), not by federation staff.
    visitor: bool = False
    # A record is saved before each request: the first visitor after a change.
    after_change: bool = False


@dataclass
class Result:
    key: str
    label: str
    requests: int
    p50_ms: float
    p95_ms: float
    raw_p50_ms: float
    raw_p95_ms: float
    ratio: float
    target_ms: float
    target_met: bool
    ratio_target: float | None = None
    ratio_met: bool | None = None
    queries: int = 0
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


RATIO_TARGET = 3.0


def percentile(values: list[float], share: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def scenarios() -> list[Scenario]:
    """The pages the issue names, each over a spread of real addresses of the data set."""
    regions = list(
        Area.objects.at_home(LevelKind.REGION).order_by("slug").values_list("slug", flat=True)
    )
    communes = Area.objects.communes()
    pages = max(1, communes.count() // 50)
    busiest = list(
        communes.annotate(n=Count("partnerships")).order_by("-n", "pk").values_list("slug", "n")
    )
    sampled_communes = [slug for slug, _ in busiest[:3]] + [
        slug for slug, _ in busiest[len(busiest) // 10 :: max(1, len(busiest) // 7)][:7]
    ]
    projects = list(
        Project.objects.annotate(n=Count("funding_lines")).order_by("-n", "pk")[:3]
    ) + list(Project.objects.order_by("pk")[:: max(1, Project.objects.count() // 7)][:7])
    words = [
        word
        for name in Area.objects.foreign_local_governments()
        .order_by("pk")
        .values_list("name", flat=True)[:400:40]
        for word in [name.split()[0].lower()]
    ]
    terms = words[:5] + [word[:3] for word in words[5:10]]
    themes = list(Theme.objects.order_by("order").values_list("code", flat=True)[:2])
    public = Partnership.objects.public()
    public_partnerships = list(
        public.filter(local_government__slug=sampled_communes[0]).order_by("pk")[:3]
    ) + list(public.order_by("pk")[:: max(1, public.count() // 7)][:7])
    public_pages = max(1, -(-public.count() // 50))
    partnerships = reverse("partnerships:partnership_list")
    cohort, missions = reverse("volunteers:cohort"), reverse("volunteers:list")
    programmes = list(
        Programme.objects.filter(missions__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    dashboard = reverse("inventory:dashboard")
    dashboard_urls = [
        dashboard,
        f"{dashboard}?region={regions[0]}",
        f"{dashboard}?theme={themes[0]}",
        f"{dashboard}?country=FR",
        f"{dashboard}?year_from=2020&year_to=2025",
    ]
    return [
        Scenario(
            "commune_list",
            "Commune list",
            [
                f"{reverse('territories:commune_list')}?page={page}"
                for page in sorted({1, 2, 10, pages // 2, pages})
            ]
            + [f"{reverse('territories:commune_list')}?region={region}" for region in regions],
            100,
            is_list=True,
        ),
        Scenario(
            "partnership_list",
            "Partnership list, by status and region",
            [
                f"{partnerships}?status={status}&region={region}&page={page}"
                for region in regions
                for status in (PartnershipStatus.ACTIVE, PartnershipStatus.DORMANT)
                for page in (1, 2)
            ],
            100,
            is_list=True,
        ),
        Scenario(
            "search",
            "Partnership search",
            [f"{partnerships}?q={term}" for term in terms],
            100,
            is_list=True,
        ),
        Scenario(
            "commune_page",
            "Commune page",
            [reverse("territories:commune_detail", args=[slug]) for slug in sampled_communes],
            100,
        ),
        Scenario(
            "project_page",
            "Project page",
            [project.get_absolute_url() for project in projects],
            100,
        ),
        Scenario("dashboard", "Inventory dashboard", dashboard_urls, 300),
        Scenario(
            "atlas_commune",
            "Atlas: commune page",
            [reverse("territories:commune_detail", args=[slug]) for slug in sampled_communes],
            100,
            visitor=True,
        ),
        Scenario(
            "atlas_partnership",
            "Atlas: partnership page",
            [partnership.get_public_url() for partnership in public_partnerships],
            100,
            visitor=True,
        ),
        Scenario(
            "atlas_search",
            "Atlas: search",
            [f"{reverse('public:search')}?q={term}" for term in terms],
            100,
            visitor=True,
        ),
        Scenario(
            "atlas_api",
            "API: partnerships, by status and region, and deep pages",
            [
                f"/api/partenariats/?status={status}&region={region}"
                for region in regions
                for status in (PartnershipStatus.ACTIVE, PartnershipStatus.DORMANT)
            ]
            + [
                f"/api/partenariats/?page={page}"
                for page in sorted({1, 2, 10, public_pages // 2, public_pages})
            ],
            100,
            is_list=True,
            visitor=True,
        ),
        Scenario(
            "atlas_api_cursor",
            "API: partnerships by cursor, as deep as the pages above",
            _cursors(
                [
                    f"/api/partenariats/?page={page}"
                    for page in sorted({1, 2, 10, public_pages // 2})
                ]
                + [
                    f"/api/partenariats/?status={PartnershipStatus.ACTIVE}&region={region}"
                    for region in regions
                ]
            ),
            100,
            is_list=True,
            visitor=True,
        ),
        Scenario(
            "atlas_home",
            "Atlas: home with the map",
            [reverse("public:home")] * 5,
            300,
            visitor=True,
        ),
        Scenario(
            "atlas_map",
            "Atlas: map and list of communes",
            [reverse("public:map")] * 5,
            300,
            visitor=True,
        ),
        Scenario(
            "volunteer_cohort",
            "Volunteering: programme figures and cohort follow-up",
            [cohort, *(f"{cohort}?programme={pk}" for pk in programmes[:2])]
            + [f"{cohort}?scheme=vsi", f"{cohort}?year_from=2023&year_to=2025"],
            300,
        ),
        Scenario(
            "volunteer_cohort_cold",
            "Volunteering figures, cache emptied",
            [cohort, *(f"{cohort}?programme={pk}" for pk in programmes[:2])]
            + [f"{cohort}?scheme=vsi", f"{cohort}?year_from=2023&year_to=2025"],
            300,
            cold=True,
        ),
        Scenario(
            "volunteer_missions",
            "Volunteers: mission list",
            [missions, f"{missions}?page=50", f"{missions}?scheme=civic_service"]
            + [f"{missions}?programme={pk}" for pk in programmes[:2]],
            100,
            is_list=True,
        ),
        Scenario(
            "dashboard_after_change",
            "Inventory dashboard, first request after a change",
            dashboard_urls,
            300,
            after_change=True,
        ),
        Scenario(
            "atlas_home_after_change",
            "Atlas: home, first request after a change",
            [reverse("public:home")] * 5,
            300,
            visitor=True,
            after_change=True,
        ),
        Scenario(
            "dashboard_cold",
            "Inventory dashboard, cache emptied",
            dashboard_urls,
            300,
            cold=True,
        ),
    ]


def _cursors(urls: list[str]) -> list[str]:
    """The ``next_cursor`` links of these API answers: the same depths, reached by cursor."""
    visitor = Client(HTTP_HOST="localhost")
    links = [visitor.get(url).json().get("next_cursor") for url in urls]
    return [link.removeprefix("http://localhost") for link in links if link]


def _signed_in_client() -> Client:
    client = Client(HTTP_HOST="localhost")
    verified_session(client, User.objects.get(username=STAFF))
    return client


def _page_statements(client: Client, url: str) -> tuple[list[tuple[str, object]], int]:
    """The statements a page sends for its content, and its size as it travels (gzip)."""
    statements: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url, headers={"accept-encoding": "gzip"})
    content = [
        (sql, params)
        for sql, params in statements
        if not any(table in sql for table in NOT_CONTENT)
        # Reads only: a write (a refresh of the figures asked for, say) cannot be replayed.
        and sql.lstrip().upper().startswith(READS)
    ]
    return content, len(response.content)


def _replay(statements: list[tuple[str, Any]]) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def run(rounds: int, progress: Callable[[str], None] = lambda message: None) -> list[Result]:
    staff, visitor = _signed_in_client(), Client(HTTP_HOST="localhost")
    results = []
    for scenario in scenarios():
        client = visitor if scenario.visitor else staff
        # Warm-up round, not counted: opens the connection, fills Django's caches.
        for url in scenario.urls:
            client.get(url)
        # As ``coopdec serve`` does at start: what this process holds (its data set's
        # addresses, earlier scenarios' statements) stays out of the collector's full passes.
        gc.collect()
        gc.freeze()
        statements, sizes = {}, []
        for url in scenario.urls:
            _prepare(scenario)
            statements[url], size = _page_statements(client, url)
            sizes.append(size)
        pages, raws = [], []
        for _round in range(rounds):
            for url in scenario.urls:
                _prepare(scenario)
                start = time.perf_counter()
                response = client.get(url)
                pages.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                raws.append(_replay(statements[url]))
        p50, raw_p50 = percentile(pages, 50), percentile(raws, 50)
        ratio = p50 / raw_p50 if raw_p50 else float("inf")
        result = Result(
            key=scenario.key,
            label=scenario.label,
            requests=len(pages),
            p50_ms=round(p50, 1),
            p95_ms=round(percentile(pages, 95), 1),
            raw_p50_ms=round(raw_p50, 3),
            raw_p95_ms=round(percentile(raws, 95), 3),
            ratio=round(ratio, 2),
            target_ms=scenario.target_ms,
            target_met=percentile(pages, 95) <= scenario.target_ms,
            queries=max(len(s) for s in statements.values()),
            extra={"largest_page_gzip_kb": round(max(sizes) / 1024, 1)},
        )
        if scenario.is_list:
            result.ratio_target = RATIO_TARGET
            result.ratio_met = ratio <= RATIO_TARGET
        results.append(result)
        progress(f"{scenario.label}: p95 {result.p95_ms} ms")
    return results


def _prepare(scenario: Scenario) -> None:
    """What happens before each timed request: the cache emptied, or a record saved."""
    if scenario.cold:
        cache.clear()
    if scenario.after_change:
        partnership = Partnership.objects.order_by("pk").first()
        if partnership is not None:
            partnership.save(update_fields=["last_activity_on"])  # a write: the data changed


def counts() -> dict[str, int]:
    return {
        "local_governments": Area.objects.filter(level__is_local_government=True).count(),
        "communes": Area.objects.communes().count(),
        "partnerships": Partnership.objects.count(),
        "projects": Project.objects.count(),
        "funding_lines": FundingLine.objects.count(),
        "volunteers": Volunteer.objects.count(),
        "survey_invitations": Invitation.objects.count(),
        "survey_answers": Answer.objects.count(),
    }

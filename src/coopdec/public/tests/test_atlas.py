"""The public atlas: what a visitor without an account finds, and what never reaches them."""

from __future__ import annotations

import io
import re
from datetime import date
from xml.etree import ElementTree

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from coopdec.conftest import add_partnership, commune
from coopdec.partnerships.models import Event
from coopdec.practices import services as practice_services
from coopdec.practices.models import GoodPractice
from coopdec.programmes.models import Activity, Participation, Programme
from coopdec.projects.models import FundingLine, Project
from coopdec.public import opendata
from coopdec.public.tasks import build_open_data
from coopdec.review.models import Revision
from coopdec.territories.models import AdminLevel, Area, Currency

pytestmark = pytest.mark.django_db


def foreign(country: str, name: str, slug: str) -> Area:
    level = AdminLevel.objects.filter(country__code=country, is_local_government=True).first()
    assert level is not None, f"no local government level in {country}"
    return Area.objects.create(country=level.country, level=level, name=name, slug=slug)


def line(project, euros: int, funder) -> None:
    FundingLine(
        project=project,
        funder_organisation=funder,
        instrument="own_funds",
        currency=Currency.objects.get(code="EUR"),
        units_per_euro=1,
        planned=euros,
        date=date(2024, 1, 1),
        published=True,
    ).save()


@pytest.fixture
def atlas(kloto_partnership, kloto1, wawa1, bressuire, kloto_focal_person, users):
    """A public partnership (Kloto 1 – Bressuire) with a public project, next to what must
    stay out of sight: a partnership the federation keeps private, a public one still
    waiting for validation, a private project inside the public partnership, a pending
    change, people's contact details and the event participants' names."""
    from coopdec.partnerships.models import Partnership

    Partnership.objects.filter(pk=kloto_partnership.pk).update(is_public=True)
    public_project = kloto_partnership.projects.get()
    Project.objects.filter(pk=public_project.pk).update(is_public=True, summary="Forages")
    Event.objects.filter(partnership=kloto_partnership).update(
        participants="Afi Mensah, point focal", notes="Notes internes de la mission"
    )
    private_project = Project.objects.create(
        partnership=kloto_partnership, title="Projet confidentiel de Kloto", published=True
    )
    line(private_project, 99_999, kloto_partnership.supporting_organisations.get())
    bohicon = foreign("BJ", "Bohicon", "bohicon")
    private = add_partnership(wawa1, [bohicon], name="Wawa 1 – Bohicon (privé)")
    unvalidated = add_partnership(
        commune("golfe-1"), [foreign("BF", "Koudougou", "koudougou")], published=False
    )
    Partnership.objects.filter(pk=unvalidated.pk).update(is_public=True)
    Revision.objects.create(
        content_type=ContentType.objects.get_for_model(Partnership),
        object_id=kloto_partnership.pk,
        root_type=ContentType.objects.get_for_model(Partnership),
        root_id=kloto_partnership.pk,
        action=Revision.Action.UPDATE,
        before={"description": ""},
        after={"description": "Modification en attente de validation"},
        author=users["focal_point"],
    )
    kloto_partnership.refresh_from_db()
    # A public programme pooling the public partnership and the private one, running the
    # private project itself; and a programme the federation keeps to members.
    programme = Programme.objects.create(
        name="Programme concerté public",
        lead_organisation=kloto_partnership.supporting_organisations.get(),
        currency=Currency.objects.get(code="EUR"),
        budget=10_000,
        is_public=True,
        published=True,
    )
    programme.partnerships.set([kloto_partnership, private])
    programme.projects.set([private_project])
    training = Activity.objects.create(
        programme=programme, kind="training", title="Formation des acteurs"
    )
    Participation.objects.create(activity=training, partnership=private, people=2)
    Programme.objects.create(
        name="Programme interne",
        lead_organisation=kloto_partnership.supporting_organisations.get(),
        currency=Currency.objects.get(code="EUR"),
        published=True,
    )
    # A validated good practice from the public partnership and the private one.
    practice = GoodPractice(
        title="Des forages gérés par les quartiers",
        summary="Un comité par forage.",
        context="-",
        actions="-",
        proposed_by=users["focal_point"],
        published=True,
    )
    practice_services.write(practice, {"partnerships": [kloto_partnership, private]})
    return {
        "practice": practice,
        "programme": programme,
        "public": kloto_partnership,
        "project": public_project,
        "private": private,
        "private_project": private_project,
        "unvalidated": unvalidated,
        "bohicon": bohicon,
    }


SECRETS = [
    "Wawa 1 – Bohicon (privé)",
    "Golfe 1 – Koudougou",
    "Projet confidentiel de Kloto",
    "Modification en attente de validation",
    "afi.mensah@example.org",
    "+228 90 00 00 01",
    "Afi Mensah",
    "Mensah",
    "Notes internes",
    "Programme interne",
]


def public_urls(atlas) -> list[str]:
    partnership, project = atlas["public"], atlas["project"]
    return [
        reverse("public:home"),
        reverse("public:map"),
        reverse("public:country_map"),
        reverse("public:partnership_list"),
        reverse("public:project_list"),
        reverse("public:partnership_list") + "?q=wawa",
        reverse("public:project_list") + "?q=projet",
        reverse("public:search") + "?q=wawa",
        reverse("public:search") + "?q=golfe",
        reverse("public:search") + "?q=projet",
        reverse("public:search") + "?q=koudougou",
        partnership.get_public_url(),
        project.get_public_url(),
        reverse("public:programme_list"),
        reverse("public:programme_list") + "?year=2025",
        atlas["programme"].get_public_url(),
        reverse("practices:list"),
        reverse("practices:list") + "?q=forages",
        atlas["practice"].get_absolute_url(),
        reverse("public:practice_feed"),
        reverse("public:country", kwargs={"slug": "france"}),
        reverse("public:country", kwargs={"slug": "benin"}),
        reverse("territories:commune_detail", kwargs={"slug": "kloto-1"}),
        reverse("territories:commune_detail", kwargs={"slug": "wawa-1"}),
        reverse("territories:commune_detail", kwargs={"slug": "golfe-1"}),
        reverse("territories:commune_list") + "?q=kloto",
        atlas["public"].partner_governments.get().get_absolute_url(),
        atlas["bohicon"].get_absolute_url(),
        reverse("public:sitemap"),
        # The API, every collection in full, and the public records.
        "/api/communes/?page_size=100",
        "/api/communes/?page=2&page_size=100",
        "/api/collectivites/?page_size=100",
        "/api/partenariats/?page_size=100",
        "/api/partenariats/?q=wawa",
        "/api/projets/?page_size=100",
        f"/api/partenariats/{partnership.pk}/",
        f"/api/projets/{project.pk}/",
        "/api/programmes/",
        f"/api/programmes/{atlas['programme'].pk}/",
        "/api/bonnes-pratiques/",
        f"/api/bonnes-pratiques/{atlas['practice'].pk}/",
        "/api/communes/kloto-1/",
        "/api/schema/",
        # The open data files.
        reverse("public:open_data"),
        *(f"/donnees-ouvertes/{name}" for name in opendata.file_names()),
    ]


def readable(response) -> str:
    """A response's text; a spreadsheet's cells, one per line."""
    content = b"".join(response) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(content)).active
        return "\n".join(str(value) for row in sheet.values for value in row)
    return content.decode("utf-8-sig")


def test_no_private_record_pending_change_or_personal_data_on_any_public_page(client, atlas):
    build_open_data.call()  # the open data files of this data, as the worker writes them
    for url in public_urls(atlas):
        response = client.get(url)
        assert response.status_code == 200, url
        page = readable(response)
        for secret in SECRETS:
            assert secret not in page, (secret, url)
    # What is public is there.
    page = client.get(atlas["public"].get_public_url()).content.decode()
    assert "Kloto 1 – Bressuire" in page and "Eau" in page and "Visite" in page
    assert "Comité de jumelage Bressuire-Kpalimé" in page
    # A public programme: its public partnership and project; the private ones are only
    # counted (one partnership took part in the training, two participants).
    page = client.get(atlas["programme"].get_public_url()).content.decode()
    assert "Programme concerté public" in page and "Kloto 1 – Bressuire" in page
    assert atlas["project"].get_public_url() in page
    assert "Formation des acteurs" in page
    api = client.get(f"/api/programmes/{atlas['programme'].pk}/").json()
    assert [p["id"] for p in api["partnerships"]] == [atlas["public"].pk]
    assert api["projects"] == [atlas["project"].pk]
    assert api["activities"][0]["participants"] == 2
    # A practice from a public and a private partnership: only the public one's places.
    api = client.get(f"/api/bonnes-pratiques/{atlas['practice'].pk}/").json()
    assert api["partnerships"] == [atlas["public"].pk]
    assert {place["name"] for place in api["local_governments"]} == {"Kloto 1", "Bressuire"}


def test_private_and_unvalidated_records_have_no_public_page(client, atlas):
    internal = Programme.objects.get(name="Programme interne")
    assert client.get(internal.get_public_url()).status_code == 404
    assert client.get(f"/api/programmes/{internal.pk}/").status_code == 404
    for record in (atlas["private"], atlas["unvalidated"], atlas["private_project"]):
        assert client.get(record.get_public_url()).status_code == 404
        collection = "partenariats" if record._meta.model_name == "partnership" else "projets"
        assert client.get(f"/api/{collection}/{record.pk}/").status_code == 404
    # Nor a project made public inside a private partnership.
    inside_private = Project.objects.create(
        partnership=atlas["private"], title="Puits", published=True, is_public=True
    )
    assert client.get(inside_private.get_public_url()).status_code == 404


def test_a_record_page_has_one_address_and_says_what_it_is(client, atlas):
    partnership = atlas["public"]
    short = reverse("public:partnership_short", kwargs={"pk": partnership.pk})
    wrong = reverse("public:partnership", kwargs={"pk": partnership.pk, "slug": "ancien-nom"})
    for url in (short, wrong):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/atlas/partenariats/{partnership.pk}/kloto-1-bressuire/"
    page = client.get(partnership.get_public_url()).content.decode()
    assert '<link rel="canonical" href="http://testserver/atlas/partenariats/' in page
    assert '<meta property="og:title" content="Kloto 1 – Bressuire">' in page
    assert (
        'content="Jumelage de Kloto 1 (actif)\u202f: partenaires, projets et chronologie."' in page
    )


def test_home_counts_only_public_records(client, atlas):
    figures = client.get(reverse("public:home")).context["figures"]
    assert figures["communes"] == 117
    assert figures["active_partnerships"] == 1  # Kloto 1 – Bressuire; not Wawa's, not Golfe's
    assert figures["partner_countries"] == 1  # France; Benin's partnership is private
    assert figures["projects"] == 1
    assert figures["funding_eur"] == 1000  # the private project's 99,999 € left out


def figures_shown(client) -> list[str]:
    page = client.get(reverse("public:home")).content.decode()
    return re.findall(r"<li><strong>([^<]+)</strong>", page)


def test_home_is_drawn_once_per_version_of_the_data(client, atlas, django_assert_max_num_queries):
    before = figures_shown(client)
    assert before[:2] == ["117", "1"]  # communes, active partnerships
    # Session-free page: the data version and the open opportunities, no figures.
    with django_assert_max_num_queries(5):
        assert figures_shown(client) == before
    atlas["private"].is_public = True
    atlas["private"].save()
    assert figures_shown(client)[:3] == ["117", "2", "2"]  # Wawa 1 – Bohicon, and Benin


def test_home_figures_long_to_compute_are_refreshed_by_the_worker_and_said_so(
    client, atlas, settings, run_queued
):
    settings.COOPDEC_SNAPSHOT_INLINE_MS = -1  # every computation counts as a long one
    before = figures_shown(client)
    atlas["private"].is_public = True
    atlas["private"].save()
    page = client.get(reverse("public:home")).content.decode()
    assert 'id="figures-being-updated"' in page  # the previous figures, said to be so
    assert figures_shown(client) == before
    assert run_queued() == 1  # the worker's refresh, asked once
    page = client.get(reverse("public:home")).content.decode()
    assert 'id="figures-being-updated"' not in page
    assert figures_shown(client)[:3] == ["117", "2", "2"]
    cache.clear()
    assert figures_shown(client)[:3] == ["117", "2", "2"]  # as computed from scratch


def test_search_finds_a_commune_by_its_seat_town_without_accents(client, atlas):
    page = client.get(reverse("public:search"), {"q": "kpalime"}).content.decode()
    assert 'href="/communes/kloto-1/"' in page
    results = client.get(reverse("public:search"), {"q": "BRESSUIRE"}).context["results"]
    assert [g.name for g in results["local_governments"]["items"]] == ["Bressuire"]
    assert results["partnerships"]["items"] == [atlas["public"]]


def test_an_empty_or_odd_search_explains_itself(client, atlas):
    response = client.get(reverse("public:search"), {"q": "  ;; "})
    assert response.status_code == 200 and response.context["results"] is None
    assert "Tapez au moins une lettre ou un chiffre." in response.content.decode()
    response = client.get(reverse("public:search"), {"q": "zzzzqx"})
    assert "Rien ne correspond." in response.content.decode()


def test_partnership_filters(client, atlas):
    from coopdec.partnerships.models import Partnership

    second = add_partnership(commune("tone-1"), [foreign("FR", "Niort", "niort")])
    Partnership.objects.filter(pk=second.pk).update(
        is_public=True, signature_date=date(2012, 3, 1), status="dormant"
    )
    url = reverse("public:partnership_list")

    def listed(**filters):
        return {p.name for p in client.get(url, filters).context["page"].object_list}

    assert listed() == {"Kloto 1 – Bressuire", "Tône 1 – Niort"}
    assert listed(status="dormant") == {"Tône 1 – Niort"}
    assert listed(region=commune("tone-1").parent.parent.slug) == {"Tône 1 – Niort"}
    assert listed(region=commune("kloto-1").parent.parent.slug) == {"Kloto 1 – Bressuire"}
    assert listed(until=2015) == {"Tône 1 – Niort"}
    assert listed(since=2015) == set()  # Kloto 1 – Bressuire has no signature date
    assert listed(country="BJ") == set()
    # A bad value is explained and ignored, never an error page.
    response = client.get(url, {"since": "deux-mille"})
    assert response.status_code == 200 and len(response.context["page"].object_list) == 2


def test_maps_link_every_commune_and_partner_country(client, atlas):
    page = client.get(reverse("public:map")).content.decode()
    assert page.count('<a href="/communes/') >= 2 * 117  # on the map and in the list
    assert 'aria-label="Kloto 1 — 1 partenariat"' in page
    # Coordinates are written for SVG, not in French ("12,5" would not draw).
    coordinates = re.findall(r' (?:cx|cy|r)="([^"]*)"', page)
    assert len(coordinates) == 3 * 117
    assert all(re.fullmatch(r"\d+(\.\d+)?", value) for value in coordinates)
    world = client.get(reverse("public:country_map")).content.decode()
    assert 'href="/atlas/pays/france/"' in world
    assert 'href="/atlas/pays/benin/"' not in world  # its only partnership is private
    assert client.get(reverse("public:country", kwargs={"slug": "narnia"})).status_code == 404


@pytest.mark.parametrize(("most", "level"), [(50, "prefecture"), (10, "region")])
def test_a_map_of_many_communes_groups_them_by_area(client, atlas, settings, most, level):
    """Above a few hundred communes (here lowered), the map and its list draw one circle
    per prefecture, or per region when prefectures too are many, each leading to the list
    of its communes."""
    settings.COOPDEC_MAP_MAX_MARKERS = most
    page = client.get(reverse("public:map")).content.decode()
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "/communes/kloto-1/" not in page  # no commune drawn or listed one by one
    groups = re.findall(rf'<a href="/communes/\?{level}=([\w-]+)" aria-label="([^"]+)"', svg)
    areas = Area.objects.filter(
        country__code="TG", level__kind="region" if level == "region" else "intermediate"
    )
    assert {slug for slug, _label in groups} == set(areas.values_list("slug", flat=True))
    assert len(groups) <= most
    counted = {}
    for slug, label in groups:
        communes = re.search(r"— (\d+) communes?", label)
        partnerships = re.search(r"(\d+) partenariats?", label)
        counted[slug] = (int(communes[1]), int(partnerships[1]))
    assert sum(c for c, _p in counted.values()) == 117
    assert sum(p for _c, p in counted.values()) == 1  # the public partnerships only
    # Each circle leads to the list of the communes it counts.
    kloto = Area.objects.get(slug="kloto-1")
    area = kloto.prefecture if level == "prefecture" else kloto.region
    listed = client.get(reverse("territories:commune_list"), {level: area.slug})
    assert listed.context["page"].paginator.count == counted[area.slug][0]
    assert counted[area.slug][1] == 1
    assert len(re.findall(r"<circle ", svg)) == len(groups)


def test_sitemap_lists_public_pages_only(client, atlas):
    xml = client.get(reverse("public:sitemap")).content
    locations = {
        element.text
        for element in ElementTree.fromstring(xml).iter(  # noqa: S314 — our own sitemap
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    assert "http://testserver" + atlas["public"].get_public_url() in locations
    assert "http://testserver" + atlas["project"].get_public_url() in locations
    assert "http://testserver/communes/kloto-1/" in locations
    assert "http://testserver/atlas/pays/france/" in locations
    assert not any("bohicon" in location or "koudougou" in location for location in locations)
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_a_busy_commune_page_shows_its_first_partnerships_and_links_to_all(client, wawa1):
    partners = [foreign("FR", f"Ville {n:02}", f"ville-{n:02}") for n in range(23)]
    for partner in partners:
        add_partnership(wawa1, [partner], is_public=True)
    add_partnership(commune("kloto-1"), [partners[0]], is_public=True)  # another commune

    page = client.get(reverse("territories:commune_detail", kwargs={"slug": "wawa-1"}))
    shown = re.findall(r'href="/atlas/partenariats/\d+/[^"]+">([^<]+)</a>', page.content.decode())
    assert shown == [f"Wawa 1 – Ville {n:02}" for n in range(20)]
    assert (
        'href="/atlas/partenariats/?commune=wawa-1">Les 23 partenariats</a>'
        in page.content.decode()
    )

    listed = client.get(reverse("public:partnership_list"), {"commune": "wawa-1"})
    assert listed.context["page"].paginator.count == 23
    assert "Commune\u202f: <strong>Wawa 1</strong>" in listed.content.decode()

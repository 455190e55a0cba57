"""The public atlas: anyone, no account. Thin views over ``atlas`` (public records only)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from coopdec.core import access, exports, snapshots
from coopdec.core.addresses import canonical
from coopdec.core.collation import by_name
from coopdec.core.lists import list_page
from coopdec.core.text import search_terms
from coopdec.documents.models import Document
from coopdec.opportunities import eligibility
from coopdec.programmes import services as programme_services
from coopdec.projects.models import FundingLine, Project
from coopdec.projects.views import funding_totals
from coopdec.territories.models import Area

from . import atlas, opendata
from .forms import PublicPartnershipFilterForm, PublicProgrammeFilterForm, PublicProjectFilterForm
from .snapshots import HOME, MAP, WORLD


@access.public
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "snapshot": snapshots.read(HOME),
        "opportunities": atlas.opportunities_listed()[:3],
    }
    return render(request, "public/home.html", context)


@access.public
def opportunity_list(request: HttpRequest) -> HttpResponse:
    opportunities = eligibility.with_conditions(atlas.opportunities_listed())
    for opportunity in opportunities:
        opportunity.conditions = eligibility.conditions(opportunity)
    return render(request, "public/opportunity_list.html", {"opportunities": opportunities})


@access.public
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200].strip()
    results = atlas.search(query) if search_terms(query) else None
    return render(request, "public/search.html", {"query": query, "results": results})


@access.public
def commune_map(request: HttpRequest) -> HttpResponse:
    return render(request, "public/map.html", {"snapshot": snapshots.read(MAP)})


@access.public
def country_map(request: HttpRequest) -> HttpResponse:
    return render(request, "public/world.html", {"snapshot": snapshots.read(WORLD)})


@access.public
def country_detail(request: HttpRequest, slug: str) -> HttpResponse:
    country = atlas.country_by_slug(slug)
    if country is None:
        raise Http404
    context = {"country": country, **atlas.country_cooperation(country)}
    return render(request, "public/country.html", context)


@access.public
def partnership_list(request: HttpRequest) -> HttpResponse:
    form = PublicPartnershipFilterForm(request.GET)
    listed = form.apply(atlas.partnerships().order_by(by_name("name"), "pk"))
    return list_page(
        request,
        "public/partnership_list.html",
        listed,
        form=form,
        rows=atlas.partnerships(),
    )


@access.public
def project_list(request: HttpRequest) -> HttpResponse:
    form = PublicProjectFilterForm(request.GET)
    listed = form.apply(atlas.projects().order_by("title", "pk"))
    return list_page(
        request,
        "public/project_list.html",
        listed,
        form=form,
        rows=atlas.projects().select_related("partnership__local_government"),
    )


@access.public
def partnership_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    partnership = get_object_or_404(
        atlas.partnerships()
        .select_related(*(f"local_government__{path}" for path in Area.PLACE))
        .prefetch_related(
            "partner_governments__country",
            "partner_governments__level",
            "supporting_organisations",
            "themes",
        ),
        pk=pk,
    )
    moved = canonical(partnership, slug, str(partnership))
    if moved:
        return moved
    projects = atlas.projects().filter(partnership=partnership)
    context = {
        "partnership": partnership,
        "projects": projects,
        "funding": funding_totals(
            FundingLine.objects.public().filter(project__partnership=partnership)
        ),
        "events": atlas.public_events().filter(partnership=partnership),
        "documents": Document.objects.public().within(partnership),
    }
    return render(request, "public/partnership.html", context)


@access.public
def project_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    project: Project = get_object_or_404(
        atlas.projects()
        .select_related("partnership__local_government")
        .prefetch_related("themes", "goals", "areas"),
        pk=pk,
    )
    moved = canonical(project, slug, project.title)
    if moved:
        return moved
    lines = FundingLine.objects.public().filter(project=project)
    context = {
        "project": project,
        "funding": funding_totals(lines),
        "funders": atlas.funders(lines),
    }
    return render(request, "public/project.html", context)


@access.public
def programme_list(request: HttpRequest) -> HttpResponse:
    form = PublicProgrammeFilterForm(request.GET)
    return list_page(
        request, "public/programme_list.html", form.apply(atlas.programmes_listed()), form=form
    )


@access.public
def programme_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    """A public programme: its plan, totals of contributions (not who paid), activities
    with their counts, public partnerships and projects, results. No person appears."""
    programme = get_object_or_404(atlas.programmes_listed(), pk=pk)
    moved = canonical(programme, slug, programme.name)
    if moved:
        return moved
    results, not_added = atlas.programme_results(programme)
    context = {
        "programme": programme,
        "cofunding": programme.cofunding.select_related(
            "funder_organisation", "funder_government", "programme"
        ),
        "grid": programme_services.contribution_grid(programme),
        "activities": programme.activities.prefetch_related("participations").order_by(
            "date", "pk"
        ),
        "activity_totals": programme_services.activity_totals(programme),
        "partnerships": atlas.programme_partnerships(programme)
        .select_related("local_government")
        .order_by(by_name("name")),
        "projects": atlas.programme_projects(programme)
        .select_related("partnership")
        .order_by("-start_date", "title"),
        "results": results,
        "not_added": not_added,
    }
    return render(request, "public/programme.html", context)


@access.public
def open_data(request: HttpRequest) -> HttpResponse:
    opendata.refresh()
    files = opendata.latest()
    context: dict[str, object] = {"files": files, "licence": opendata.LICENCE, "iati": None}
    context["datasets"] = [(dataset, []) for dataset in opendata.DATASETS.values()]
    if files:
        sizes = {
            name: default_storage.size(f"{files['folder']}/{name}")
            for name in opendata.file_names()
        }
        context["datasets"] = [
            (dataset, [(ext, sizes[f"{dataset.key}.{ext}"]) for ext in opendata.FORMATS])
            for dataset in opendata.DATASETS.values()
        ]
        context["iati"] = (opendata.IATI_FILE, sizes[opendata.IATI_FILE])
    return render(request, "public/open_data.html", context)


@access.public
def open_data_file(request: HttpRequest, name: str) -> HttpResponseBase:
    if name not in opendata.file_names():
        raise Http404
    opendata.refresh()
    files = opendata.latest()
    if files is None:
        # Not a missing page: the open data page says the files are on their way.
        response = open_data(request)
        response.status_code = 503
        response["Retry-After"] = "120"
        return response
    if request.headers.get("If-None-Match") == f'"{files["version"]}"':
        return HttpResponse(status=304)
    response = FileResponse(
        default_storage.open(f"{files['folder']}/{name}"),
        as_attachment=True,
        filename=name,
        content_type=exports.CONTENT_TYPES[name.rsplit(".", 1)[-1]],
    )
    response["ETag"] = f'"{files["version"]}"'
    response["Cache-Control"] = "public, max-age=600"
    return response

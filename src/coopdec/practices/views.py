"""Good-practice pages: the list with search and filters, a practice's sheet, and the forms
to propose or change one.

Reading: anyone — visitors and members read the validated practices (public), members also
those they may change (``GoodPractice.objects.visible_to``). Writing: see ``rules``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.addresses import canonical
from coopdec.core.lists import list_page
from coopdec.partnerships.models import Partnership
from coopdec.programmes.models import Programme
from coopdec.projects.models import Project
from coopdec.review.editing import form_page

from . import services
from .forms import GoodPracticeForm, PracticeFilterForm
from .models import GoodPractice
from .rules import CHANGE_PRACTICE, PROPOSE_PRACTICE


def _visible(user):
    return GoodPractice.objects.visible_to(user)


@access.public
def practice_list(request: HttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET)
    listed = form.apply(_visible(request.user)).order_by("-created_at", "-pk")
    return list_page(
        request,
        "practices/practice_list.html",
        listed,
        form=form,
        rows=GoodPractice.objects.prefetch_related("countries", "themes"),
        export=practice_rows,
        context={"may_propose": request.user.has_perm(PROPOSE_PRACTICE)},
    )


def practice_rows(listed) -> exports.Export:
    """The listed practices as a table: what the sheet says, never a person."""
    return exports.Export(
        "bonnes-pratiques",
        [_("Title"), _("Language"), _("In short"), _("Themes"), _("Countries"), _("Page")],
        (
            [
                practice.title,
                practice.language,
                practice.summary,
                "; ".join(theme.code for theme in practice.themes.all()),
                "; ".join(country.code for country in practice.countries.all()),
                practice.get_public_url(),
            ]
            for practice in listed
        ),
    )


@access.public
def practice_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    user = request.user
    practice = get_object_or_404(
        _visible(user)
        .select_related("currency", "translation_of")
        .prefetch_related("themes", "goals", "countries"),
        pk=pk,
    )
    moved = canonical(practice, slug, practice.title)
    if moved:
        return moved
    projects = Project.objects.visible_to(user)
    places = list(
        services.shown_places(practice, Partnership.objects.visible_to(user))
        .select_related("country", "level")
        .order_by("name")
    )
    translation = getattr(practice, "translation", None) or practice.translation_of
    context = {
        "practice": practice,
        "translation": translation
        if translation and _visible(user).filter(pk=translation.pk).exists()
        else None,
        "sources": _sources(practice, user),
        "indicators": services.practice_indicators(practice, projects),
        "places": places,
        "countries": sorted({place.country.name for place in places}),
        "may_edit": user.has_perm(CHANGE_PRACTICE, practice),
    }
    return render(request, "practices/practice_detail.html", context)


def _sources(practice: GoodPractice, user) -> list[tuple[str, str, str]]:
    """The records the practice comes from that the reader may see, each linked to the
    page the reader may open (the atlas's for visitors)."""
    visitor = not user.is_authenticated

    def link(record) -> str:
        return record.get_public_url() if visitor else record.get_absolute_url()

    found = [
        (_("Project"), project.title, link(project))
        for project in Project.objects.visible_to(user).filter(
            pk__in=practice.projects.values("pk")
        )
    ]
    found += [
        (_("Partnership"), str(partnership), link(partnership))
        for partnership in Partnership.objects.visible_to(user).filter(
            pk__in=practice.partnerships.values("pk")
        )
    ]
    found += [
        (_("Programme"), str(programme), link(programme))
        for programme in Programme.objects.visible_to(user).filter(
            pk__in=practice.programmes.values("pk")
        )
    ]
    return found


def _form(request: SignedInRequest, practice: GoodPractice, initial=None) -> HttpResponse:
    form = GoodPracticeForm(
        request.POST or None, instance=practice, initial=initial, user=request.user
    )
    title = _("Edit %(name)s") % {"name": practice} if practice.pk else _("Propose a good practice")
    return form_page(request, form, title=title, back=practice if practice.pk else None)


@access.permission(PROPOSE_PRACTICE)
def practice_create(request: SignedInRequest) -> HttpResponse:
    return _form(request, GoodPractice(proposed_by=request.user))


@access.permission(PROPOSE_PRACTICE)
def practice_from_project(request: SignedInRequest, pk: int) -> HttpResponse:
    """A new practice drafted from a project the user may see: its title, summary,
    objectives, measured indicators, themes and goals, to finish and send."""
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    return _form(request, GoodPractice(proposed_by=request.user), services.draft_from(project))


@access.permission(CHANGE_PRACTICE)
def practice_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(GoodPractice.objects.editable_by(request.user), pk=pk)
    access.check(request, CHANGE_PRACTICE, practice)
    return _form(request, practice)

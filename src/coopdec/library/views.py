"""Library pages: the list with full-text search and filters, a publication with its
versions, and the federation's forms.

Reading: members everything, visitors what is for everyone (``visible_to``); a file opens
as its own audience says (``documents``). Writing: the federation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.lists import list_page
from coopdec.documents.models import Document
from coopdec.review.editing import form_page

from . import services
from .forms import PublicationFilterForm, PublicationForm
from .models import Publication
from .rules import MANAGE_LIBRARY


@access.public
def publication_list(request: HttpRequest) -> HttpResponse:
    form = PublicationFilterForm(request.GET)
    listed = form.apply(Publication.objects.visible_to(request.user)).order_by(
        "-date", "title", "pk"
    )
    return list_page(
        request,
        "library/publication_list.html",
        listed,
        form=form,
        rows=Publication.objects.prefetch_related("themes"),
        export=publication_rows,
        context={"may_manage": request.user.has_perm(MANAGE_LIBRARY)},
    )


def publication_rows(listed) -> exports.Export:
    return exports.Export(
        "bibliotheque",
        [_("Title"), _("Kind"), _("Language"), _("Date"), _("Summary"), _("For everyone")],
        (
            [p.title, p.get_kind_display(), p.language, p.date, p.summary, p.is_public]
            for p in listed
        ),
    )


@access.public
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    publication = get_object_or_404(
        Publication.objects.visible_to(user).prefetch_related("themes"), pk=pk
    )
    readable = Document.objects.readable_by(user)
    linked = (
        readable.filter(pk=publication.linked_document_id).first()
        if publication.linked_document_id
        else None
    )
    context = {
        "publication": publication,
        "versions": list(services.versions(publication, readable)),
        "linked": linked,
        "may_manage": user.has_perm(MANAGE_LIBRARY),
    }
    return render(request, "library/publication_detail.html", context)


def _form(request: SignedInRequest, publication: Publication) -> HttpResponse:
    form = PublicationForm(request.POST or None, instance=publication)
    title = (
        _("Edit %(name)s") % {"name": publication}
        if publication.pk
        else _("New publication in the library")
    )
    return form_page(request, form, title=title, back=publication if publication.pk else None)


@access.permission(MANAGE_LIBRARY)
def publication_create(request: SignedInRequest) -> HttpResponse:
    return _form(request, Publication())


@access.permission(MANAGE_LIBRARY)
def publication_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    return _form(request, get_object_or_404(Publication, pk=pk))

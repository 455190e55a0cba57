from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from coopdec.core import access
from coopdec.partnerships.editing import EDIT, editable_or_404
from coopdec.partnerships.models import Partnership
from coopdec.review.editing import form_page

from .forms import DocumentForm
from .models import Document

VIEW = "documents.view_document"


@access.permission(EDIT)
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = editable_or_404(request, Partnership.objects, pk)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        instance=Document(partnership=partnership),
        user=request.user,
    )
    return form_page(
        request,
        form,
        title=_("New document"),
        back=partnership,
        next_url=lambda d: partnership.get_absolute_url(),
    )


@access.permission(VIEW)
@cache_control(private=True, max_age=0)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.readable_by(request.user).select_related("partnership"), pk=pk
    )
    access.check(request, VIEW, document)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )

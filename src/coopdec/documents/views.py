from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access
from coopdec.review.editing import form_page

from . import registry
from .forms import DocumentForm
from .models import Document
from .rules import ADD_DOCUMENT, VIEW_DOCUMENT


@access.permission(ADD_DOCUMENT)
def document_create(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    """Attach a file to a record the user may change (404 for any other)."""
    model = registry.owner_model(kind)
    if model is None:
        raise Http404
    records: Any = model._default_manager  # an owner's manager scopes (``registry``)
    owner = get_object_or_404(records.editable_by(request.user), pk=pk)
    access.check(request, ADD_DOCUMENT, owner)
    document = Document()
    document.attach(owner)
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=document, user=request.user
    )
    page = owner.get_absolute_url()
    return form_page(request, form, title=_("New document"), back=owner, next_url=lambda d: page)


@access.public
@cache_control(private=True, max_age=0)
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Anyone may ask; the document's audience decides: a signed-in reader it is not meant
    for gets 404, a visitor the sign-in page (neither learns whether it exists)."""
    found = Document.objects.readable_by(request.user).filter(pk=pk).first()
    if found is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    access.check(request, VIEW_DOCUMENT, found)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )

"""Finding a record kept inside a partnership for its editor."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from coopdec.core import access

# Everything recorded inside a partnership is changed under the partnership's own rule.
from .rules import CHANGE_PARTNERSHIP


def editable_or_404(request: HttpRequest, queryset, pk: int):
    """The record ``pk`` if the user may change it; 404 outside their scope."""
    instance = get_object_or_404(queryset.editable_by(request.user), pk=pk)
    access.check(request, CHANGE_PARTNERSHIP, instance.home_partnership)
    return instance

"""The request a view gets once its access rule let the user through."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class SignedInRequest(HttpRequest):
    """For type checking: behind ``access.signed_in`` or ``access.permission``, the user
    is an account, never the anonymous visitor."""

    user: User

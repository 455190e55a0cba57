"""Every view declares who may reach it; the permission matrix test reads the declaration.

- ``public`` — anyone, signed in or not.
- ``signed_in`` — any signed-in user (their own account pages).
- ``permission(name)`` — the rules engine decides (see ``permission``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


def public(view: View) -> View:
    view = login_not_required(view)
    view.access_rule = "public"  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    view.access_rule = "signed_in"  # type: ignore[attr-defined]
    return view


def permission(name: str) -> Callable[[View], View]:
    """Require the rules permission ``name``.

    The permission is first checked here without an object — "may this role do it to
    anything?" — so read-only roles get 403. Views about one object then find it in the
    user's scoped queryset (404 outside the scope: outsiders do not learn that it exists)
    and call ``check(request, name, obj)``.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            check(request, name)
            return view(request, *args, **kwargs)

        wrapped.access_rule = name  # type: ignore[attr-defined]
        return wrapped

    return decorator


def check(request: HttpRequest, name: str, obj: Any = None) -> None:
    """Raise 403 unless the user holds ``name`` (on ``obj``)."""
    if not request.user.has_perm(name, obj):
        raise PermissionDenied

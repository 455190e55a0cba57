from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


class QueryStringGuardMiddleware:
    """Refuse absurd addresses before any view runs: a query string oversized or with NUL
    bytes, a path with a NUL byte (PostgreSQL refuses NUL in any text it is asked about:
    a lookup by such a key was a 500)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        broken_query = len(query) > settings.COOPDEC_MAX_QUERY_STRING or "%00" in query
        if broken_query or "\x00" in query or "\x00" in request.path:
            response = TemplateResponse(
                request,
                "core/bad_request.html",
                {
                    "reason": _(
                        "The address is too long or malformed. Shorten your search or filters and try again."
                    )
                },
                status=400,
            )
            return response.render()
        return self.get_response(request)


class SecureHeadersMiddleware:
    """The headers of OWASP's secure-headers list that Django does not send itself: no
    browser feature (camera, geolocation…) for any page, and our resources for our pages
    only (Django sends the frame, type, referrer and opener ones)."""

    PERMISSIONS = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("X-Permitted-Cross-Domain-Policies", "none")
        return response

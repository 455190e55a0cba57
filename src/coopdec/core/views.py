from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.i18n import set_language as django_set_language

from . import access


@access.public
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)


@access.public
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("public:sitemap"))
    return HttpResponse(
        f"User-agent: *\nDisallow: /compte/\nDisallow: /admin/\nSitemap: {sitemap}\n",
        content_type="text/plain",
    )

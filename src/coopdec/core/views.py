from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.i18n import set_language as django_set_language

from coopdec.directory.models import Organisation
from coopdec.territories.models import Area

from . import access


@access.public
def home(request: HttpRequest) -> HttpResponse:
    communes = Area.objects.communes()
    figures = {
        "communes": communes.count(),
        "regions": Area.objects.filter(
            country__code=settings.COOPDEC_HOME_COUNTRY, level__depth=1
        ).count(),
        "foreign_local_governments": Area.objects.foreign_local_governments().count(),
        "organisations": Organisation.objects.count(),
    }
    return render(request, "core/home.html", {"figures": figures})


@access.public
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)


@access.public
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        "User-agent: *\nDisallow: /compte/\nDisallow: /admin/\n", content_type="text/plain"
    )

from django.contrib import admin
from django.urls import include, path, register_converter

from coopdec.core.converters import IdConverter

register_converter(IdConverter, "id")

# Django's admin is for superusers only.
admin.site.has_permission = (  # type: ignore[method-assign]  # Django's documented hook
    lambda request: request.user.is_active and request.user.is_superuser
)

urlpatterns = [
    path("", include("coopdec.core.urls")),
    path("", include("coopdec.public.urls")),
    path("", include("coopdec.accounts.urls")),
    path("", include("coopdec.territories.urls")),
    path("", include("coopdec.directory.urls")),
    path("", include("coopdec.partnerships.urls")),
    path("", include("coopdec.projects.urls")),
    path("", include("coopdec.documents.urls")),
    path("", include("coopdec.review.urls")),
    path("", include("coopdec.inventory.urls")),
    path("", include("coopdec.imports.urls")),
    path("", include("coopdec.opportunities.urls")),
    path("", include("coopdec.programmes.urls")),
    path("", include("coopdec.volunteers.urls")),
    path("", include("coopdec.practices.urls")),
    path("", include("coopdec.comments.urls")),
    path("", include("coopdec.library.urls")),
    path("", include("coopdec.news.urls")),
    path("", include("coopdec.newsletter.urls")),
    path("", include("coopdec.meetings.urls")),
    path("", include("coopdec.reports.urls")),
    path("", include("coopdec.notifications.urls")),
    path("api/", include("coopdec.public.api_urls")),
    path("admin/", admin.site.urls),
]

"""``/api/``: the read-only JSON API and its OpenAPI schema. Every endpoint is public."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from coopdec.core import access

from . import api

app_name = "api"

router = DefaultRouter()
router.register("communes", api.CommuneViewSet, basename="commune")
router.register("collectivites", api.LocalGovernmentViewSet, basename="local_government")
router.register("partenariats", api.PartnershipViewSet, basename="partnership")
router.register("projets", api.ProjectViewSet, basename="project")
router.register("opportunites", api.OpportunityViewSet, basename="opportunity")
router.register("programmes", api.ProgrammeViewSet, basename="programme")
router.register("bonnes-pratiques", api.PracticeViewSet, basename="practice")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
]
for pattern in urlpatterns:
    if pattern.callback is not None:
        access.public(pattern.callback)

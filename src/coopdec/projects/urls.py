from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projets/", views.project_list, name="project_list"),
    path("projets/iati.xml", views.iati_export, name="iati_export"),
    path("partenariats/<id:pk>/projets/nouveau/", views.project_create, name="project_create"),
    path("projets/<id:pk>/", views.project_detail, name="project_detail"),
    path("projets/<id:pk>/modifier/", views.project_edit, name="project_edit"),
    path("projets/<id:pk>/financements/nouveau/", views.funding_create, name="funding_create"),
    path("financements/<id:pk>/modifier/", views.funding_edit, name="funding_edit"),
    path("projets/<id:pk>/indicateurs/nouveau/", views.indicator_create, name="indicator_create"),
    path("indicateurs/<id:pk>/modifier/", views.indicator_edit, name="indicator_edit"),
    path(
        "indicateurs/<id:pk>/valeurs/nouvelle/",
        views.measurement_create,
        name="measurement_create",
    ),
]

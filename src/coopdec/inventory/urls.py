from django.urls import path

from . import views

app_name = "inventory"

urlpatterns = [
    path("etat-des-lieux/", views.dashboard, name="dashboard"),
    path("etat-des-lieux/<slug:key>.<str:extension>", views.export, name="export"),
    path("etat-des-lieux/completude/", views.completeness_list, name="completeness"),
    path("communes/<slug:slug>/fiche/", views.commune_profile, name="commune_profile"),
    path("communes/<slug:slug>/fiche.pdf", views.commune_profile_pdf, name="commune_profile_pdf"),
]

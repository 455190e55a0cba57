from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("communes/", views.commune_list, name="commune_list"),
    path("communes/<slug:slug>/", views.commune_detail, name="commune_detail"),
    path("communes/<slug:slug>/modifier/", views.commune_edit, name="commune_edit"),
    path("communes/<slug:slug>/historique/", views.commune_history, name="commune_history"),
    path("collectivites/", views.local_government_list, name="lg_list"),
    path(
        "collectivites/<str:country>/<slug:level>/<slug:slug>/",
        views.local_government_detail,
        name="lg_detail",
    ),
    path(
        "collectivites/<str:country>/<slug:level>/<slug:slug>/modifier/",
        views.local_government_edit,
        name="lg_edit",
    ),
    path(
        "collectivites/<str:country>/<slug:level>/<slug:slug>/historique/",
        views.local_government_history,
        name="lg_history",
    ),
]

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from coopdec.core import access

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("recherche/", views.search, name="search"),
    path("carte/", views.commune_map, name="map"),
    path("carte/pays/", views.country_map, name="country_map"),
    path("atlas/pays/<slug:slug>/", views.country_detail, name="country"),
    path("atlas/partenariats/", views.partnership_list, name="partnership_list"),
    path("atlas/partenariats/<id:pk>/", views.partnership_detail, name="partnership_short"),
    path(
        "atlas/partenariats/<id:pk>/<slug:slug>/",
        views.partnership_detail,
        name="partnership",
    ),
    path("atlas/projets/", views.project_list, name="project_list"),
    path("atlas/projets/<id:pk>/", views.project_detail, name="project_short"),
    path("atlas/projets/<id:pk>/<slug:slug>/", views.project_detail, name="project"),
    path("atlas/programmes/", views.programme_list, name="programme_list"),
    path("atlas/programmes/<id:pk>/", views.programme_detail, name="programme_short"),
    path("atlas/programmes/<id:pk>/<slug:slug>/", views.programme_detail, name="programme"),
    path("actualites/flux.atom", access.public(feeds.NewsFeed()), name="news_feed"),
    path(
        "bonnes-pratiques/flux.atom",
        access.public(feeds.PracticeFeed()),
        name="practice_feed",
    ),
    path("atlas/opportunites/", views.opportunity_list, name="opportunity_list"),
    path("donnees-ouvertes/", views.open_data, name="open_data"),
    path("donnees-ouvertes/<str:name>", views.open_data_file, name="open_data_file"),
    path(
        "sitemap.xml",
        access.public(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]

from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("bonnes-pratiques/", views.practice_list, name="list"),
    path("bonnes-pratiques/nouvelle/", views.practice_create, name="create"),
    path(
        "bonnes-pratiques/depuis-le-projet/<id:pk>/",
        views.practice_from_project,
        name="from_project",
    ),
    path("bonnes-pratiques/<id:pk>/", views.practice_detail, name="detail"),
    path("bonnes-pratiques/<id:pk>/modifier/", views.practice_edit, name="edit"),
    path("bonnes-pratiques/<id:pk>/<slug:slug>/", views.practice_detail, name="page"),
]

from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("bibliotheque/", views.publication_list, name="list"),
    path("bibliotheque/nouvelle/", views.publication_create, name="create"),
    path("bibliotheque/<id:pk>/", views.publication_detail, name="detail"),
    path("bibliotheque/<id:pk>/modifier/", views.publication_edit, name="edit"),
]

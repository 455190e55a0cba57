from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("actualites/", views.post_list, name="list"),
    path("actualites/nouvelle/", views.post_create, name="create"),
    path("actualites/<id:pk>/", views.post_detail, name="detail"),
    path("actualites/<id:pk>/image/", views.post_image, name="image"),
    path("actualites/<id:pk>/modifier/", views.post_edit, name="edit"),
    path("actualites/<id:pk>/<slug:slug>/", views.post_detail, name="page"),
]

from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("commentaires/<str:kind>/<id:pk>/", views.comment_add, name="add"),
    path("commentaires/<id:pk>/corriger/", views.comment_edit, name="edit"),
    path("commentaires/<id:pk>/supprimer/", views.comment_delete, name="delete"),
    path("suivre/<str:kind>/<id:pk>/", views.follow, name="follow"),
]

from django.urls import path

from . import views

app_name = "opportunities"

urlpatterns = [
    path("opportunites/", views.opportunity_list, name="list"),
    path("opportunites/nouvelle/", views.opportunity_create, name="create"),
    path("opportunites/<id:pk>/", views.opportunity_detail, name="detail"),
    path("opportunites/<id:pk>/modifier/", views.opportunity_edit, name="edit"),
]

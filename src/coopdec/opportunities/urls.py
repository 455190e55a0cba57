from django.urls import path

from . import views

app_name = "opportunities"

urlpatterns = [
    path("opportunites/", views.opportunity_list, name="list"),
    path("opportunites/nouvelle/", views.opportunity_create, name="create"),
    path("opportunites/suivi/", views.follow_up, name="follow_up"),
    path("opportunites/<id:pk>/", views.opportunity_detail, name="detail"),
    path("opportunites/<id:pk>/modifier/", views.opportunity_edit, name="edit"),
    path("opportunites/<id:pk>/reponse/<id:commune>/", views.opportunity_answer, name="answer"),
    path(
        "opportunites/<id:pk>/transmettre/<id:commune>/",
        views.opportunity_forward,
        name="forward",
    ),
]

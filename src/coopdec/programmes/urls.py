from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_list, name="list"),
    path("programmes/nouveau/", views.programme_create, name="create"),
    path("programmes/<id:pk>/", views.programme_detail, name="detail"),
    path("programmes/<id:pk>/modifier/", views.programme_edit, name="edit"),
    path("programmes/<id:pk>/cofinancement/", views.cofunding_edit, name="cofunding"),
    path("programmes/<id:pk>/contributions/nouvelle/", views.payment_create, name="payment"),
    path("programmes/<id:pk>/activites/nouvelle/", views.activity_create, name="activity_create"),
    path("programmes/activites/<id:pk>/modifier/", views.activity_edit, name="activity_edit"),
]

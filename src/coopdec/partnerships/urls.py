from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("partenariats/", views.partnership_list, name="partnership_list"),
    path("partenariats/nouveau/", views.partnership_create, name="partnership_create"),
    path("partenariats/<id:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partenariats/<id:pk>/modifier/", views.partnership_edit, name="partnership_edit"),
    path("partenariats/<id:pk>/historique/", views.partnership_history, name="partnership_history"),
    path("partenariats/<id:pk>/evenements/nouveau/", views.event_create, name="event_create"),
    path("evenements/<id:pk>/modifier/", views.event_edit, name="event_edit"),
]

from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("validation/", views.queue, name="queue"),
    path("validation/tout-accepter/", views.accept_all, name="accept_all"),
    path("validation/propositions/<id:pk>/decision/", views.decide, name="decide"),
    path("mes-propositions/", views.mine, name="mine"),
    path("parametres/", views.federation_settings, name="settings"),
]

from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("validation/", views.queue, name="queue"),
    path("validation/partenariats/<id:pk>/", views.partnership_review, name="partnership_review"),
    path("validation/partenariats/<id:pk>/tout-accepter/", views.accept_all, name="accept_all"),
    path("validation/propositions/<id:pk>/decision/", views.decide, name="decide"),
    path("parametres/", views.federation_settings, name="settings"),
]

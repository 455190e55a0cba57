from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("partenariats/<id:pk>/documents/nouveau/", views.document_create, name="document_create"),
    path("documents/<id:pk>/telecharger/", views.download, name="download"),
]

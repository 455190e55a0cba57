from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/nouveau/<slug:kind>/<id:pk>/", views.document_create, name="document_create"),
    path("documents/<id:pk>/telecharger/", views.download, name="download"),
]

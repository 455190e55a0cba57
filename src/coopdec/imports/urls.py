from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.import_list, name="list"),
    path("imports/modeles/<slug:kind>.xlsx", views.template, name="template"),
    path("imports/<id:pk>/", views.draft, name="draft"),
    path("imports/<id:pk>/importer/", views.commit, name="commit"),
    path("imports/<id:pk>/enregistrer/", views.save_mapping, name="save_mapping"),
    path("imports/<id:pk>/annuler/", views.undo, name="undo"),
]

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("rapports/", views.report_list, name="list"),
    path("rapports/<id:pk>/", views.report_detail, name="detail"),
    path("rapports/<id:pk>/rapport.<str:kind>", views.report_file, name="file"),
]

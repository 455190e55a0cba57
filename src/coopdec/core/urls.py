from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("langue/", views.set_language, name="set_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

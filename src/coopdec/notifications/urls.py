from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/lien/<str:token>/", views.preferences_link, name="preferences_link"),
    path("notifications/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/envois/", views.outbox_list, name="outbox"),
    path("notifications/envois/<id:pk>/renvoyer/", views.retry, name="retry"),
]

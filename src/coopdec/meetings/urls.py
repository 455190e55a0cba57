from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("reunions/", views.meeting_list, name="list"),
    path("reunions/nouvelle/", views.meeting_create, name="create"),
    path("reunions/<id:pk>/", views.meeting_detail, name="detail"),
    path("reunions/<id:pk>/modifier/", views.meeting_edit, name="edit"),
    path("reunions/<id:pk>/agenda.ics", views.meeting_calendar, name="calendar"),
    path("reunions/<id:pk>/invitations/", views.invitations_send, name="invitations_send"),
    path("reunions/<id:pk>/presences/", views.attendance_edit, name="attendance"),
    path("reunions/<id:pk>/invites/nouveau/", views.invitee_add, name="invitee_add"),
    path("reunions/<id:pk>/points/nouveau/", views.item_create, name="item_create"),
    path("reunions/points/<id:pk>/modifier/", views.item_edit, name="item_edit"),
    path("reunions/points/<id:pk>/issue/", views.outcome_create, name="outcome_create"),
    path("reunions/points/<id:pk>/action/", views.action_create, name="action_create"),
    path("reunions/<id:pk>/compte-rendu/partager/", views.minutes_share, name="minutes_share"),
    path("reunions/<id:pk>/compte-rendu/approuver/", views.minutes_approve, name="minutes_approve"),
    path("actions/", views.action_list, name="actions"),
    path("actions/<id:pk>/statut/", views.action_status, name="action_status"),
]

from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("lettre/", views.subscribe, name="subscribe"),
    path("lettre/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("lettre/desabonner/<str:token>/", views.leave, name="leave"),
    path("lettre/archives/<id:pk>/", views.archive_issue, name="archive_issue"),
    path("lettre/numeros/", views.issue_list, name="issues"),
    path("lettre/numeros/<id:pk>/", views.issue_detail, name="issue"),
    path("lettre/numeros/<id:pk>/envoyer/", views.issue_send, name="send"),
]

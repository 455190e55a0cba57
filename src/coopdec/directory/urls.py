from django.urls import path

from . import accounts, views

app_name = "directory"

urlpatterns = [
    path("comptes/", accounts.account_list, name="account_list"),
    path("comptes/inviter/", accounts.account_invite, name="account_invite"),
    path("comptes/<id:pk>/", accounts.account_edit, name="account_edit"),
    path("comptes/<id:pk>/invitation/", accounts.account_invitation, name="account_invitation"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path(
        "personnes/nouvelle/organisation/<slug:slug>/",
        views.organisation_contact_create,
        name="organisation_contact_create",
    ),
    path(
        "personnes/nouvelle/collectivite/<id:pk>/",
        views.area_contact_create,
        name="area_contact_create",
    ),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/modifier/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<slug:slug>/historique/",
        views.organisation_history,
        name="organisation_history",
    ),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/<id:pk>/", views.person_detail, name="person_detail"),
    path("personnes/<id:pk>/modifier/", views.person_edit, name="person_edit"),
    path("personnes/<id:pk>/historique/", views.person_history, name="person_history"),
]

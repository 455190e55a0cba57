from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("volontaires/", views.mission_list, name="list"),
    path("volontaires/chiffres/", views.cohort, name="cohort"),
    path("volontaires/moi/", views.my_page, name="me"),
    path("volontaires/nouveau/", views.volunteer_create, name="volunteer_create"),
    path("volontaires/<id:pk>/", views.volunteer_detail, name="volunteer"),
    path("volontaires/<id:pk>/modifier/", views.volunteer_edit, name="volunteer_edit"),
    path("volontaires/<id:pk>/donnees.json", views.volunteer_data, name="volunteer_data"),
    path("volontaires/<id:pk>/donnees.pdf", views.volunteer_data_pdf, name="volunteer_data_pdf"),
    path("volontaires/<id:pk>/consentement/", views.consent_record, name="consent"),
    path("volontaires/<id:pk>/effacer/", views.volunteer_erase, name="erase"),
    path("volontaires/<id:pk>/demande-effacement/", views.erasure_request, name="erasure_request"),
    path("volontaires/<id:pk>/missions/nouvelle/", views.mission_create, name="mission_create"),
    path("volontaires/missions/<id:pk>/", views.mission_detail, name="mission"),
    path("volontaires/missions/<id:pk>/modifier/", views.mission_edit, name="mission_edit"),
    path("volontaires/invitations/<id:pk>/renvoyer/", views.invitation_resend, name="resend"),
    path("volontaires/suivi/", views.plan, name="plan"),
    path("volontaires/suivi/<id:pk>/", views.wave_edit, name="wave_edit"),
    path("volontaires/questionnaires/", views.questionnaire_list, name="questionnaires"),
    path(
        "volontaires/questionnaires/importer/",
        views.questionnaire_import,
        name="questionnaire_import",
    ),
    path("enquete/<str:token>/", views.survey, name="survey"),
]

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login, name="login"),
    path("deconnexion/", views.logout, name="logout"),
    path("accueil/", views.home, name="home"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("deuxieme-facteur/", views.second_factor, name="second_factor"),
    path("deuxieme-facteur/activer/", views.second_factor_setup, name="second_factor_setup"),
    path("compte/", views.account, name="account"),
    path("compte/mot-de-passe/", views.password_change, name="password_change"),
    path("compte/mot-de-passe/change/", views.password_change_done, name="password_change_done"),
    path("mot-de-passe-oublie/", views.password_reset, name="password_reset"),
    path("mot-de-passe-oublie/envoye/", views.password_reset_done, name="password_reset_done"),
    path(
        "reinitialiser/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("reinitialiser/termine/", views.password_reset_complete, name="password_reset_complete"),
]

"""Sign-in, sign-out, password reset and change (Django's views), and the account page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from coopdec.core import access

from .http import SignedInRequest

login = access.public(auth_views.LoginView.as_view(redirect_authenticated_user=True))
logout = access.signed_in(auth_views.LogoutView.as_view())
password_reset = access.public(
    auth_views.PasswordResetView.as_view(
        success_url=reverse_lazy("accounts:password_reset_done"),
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    )
)
password_reset_done = access.public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = access.public(
    auth_views.PasswordResetConfirmView.as_view(
        success_url=reverse_lazy("accounts:password_reset_complete")
    )
)
password_reset_complete = access.public(auth_views.PasswordResetCompleteView.as_view())
password_change = access.signed_in(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done"))
)
password_change_done = access.signed_in(auth_views.PasswordChangeDoneView.as_view())


@access.signed_in
def account(request: SignedInRequest) -> HttpResponse:
    user = request.user
    context = {
        "scope_areas": user.local_governments.select_related("country", "level").order_by("name"),
        "scope_organisations": user.organisations.order_by("name"),
    }
    return render(request, "accounts/account.html", context)

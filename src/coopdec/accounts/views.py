"""Sign-in, sign-out, password reset and change (Django's views), and the account page."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from axes.utils import reset
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy

from coopdec.core import access

from . import resets
from .home import sections_for
from .http import SignedInRequest

login = access.public(auth_views.LoginView.as_view(redirect_authenticated_user=True))
logout = access.signed_in(auth_views.LogoutView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    """Sends the reset link, within limits: a few e-mails per address asked for and per
    connection each hour. Past them, the page says the same as always (whether an account
    exists is never told) and nothing is sent."""

    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        if not resets.allowed(form.cleaned_data["email"], get_client_ip_address(self.request)):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset = access.public(PasswordResetView.as_view())
password_reset_done = access.public(auth_views.PasswordResetDoneView.as_view())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the e-mailed link also lifts the pause on the user
    name: the person proved they hold the address."""

    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        reset(username=form.user.get_username())
        return response


password_reset_confirm = access.public(PasswordResetConfirmView.as_view())
password_reset_complete = access.public(auth_views.PasswordResetCompleteView.as_view())
password_change = access.signed_in(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done"))
)
password_change_done = access.signed_in(auth_views.PasswordChangeDoneView.as_view())


@access.signed_in
def home(request: SignedInRequest) -> HttpResponse:
    """Where one lands after signing in: what awaits them, from every app (``home``)."""
    return render(request, "accounts/home.html", {"sections": sections_for(request.user)})


@access.signed_in
def account(request: SignedInRequest) -> HttpResponse:
    user = request.user
    context = {
        "scope_areas": user.local_governments.select_related("country", "level").order_by("name"),
        "scope_organisations": user.organisations.order_by("name"),
    }
    return render(request, "accounts/account.html", context)

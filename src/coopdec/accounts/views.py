"""Sign-in, sign-out, password reset and change (Django's views), and the account page."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from axes.utils import reset
from django import forms
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from coopdec.core import access
from coopdec.core.collation import by_name

from . import invitations, resets
from . import second_factor as factors
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
        "scope_areas": user.local_governments.select_related("country", "level").order_by(
            by_name("name")
        ),
        "scope_organisations": user.organisations.order_by(by_name("name")),
    }
    return render(request, "accounts/account.html", context)


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("accounts:home")


@access.signed_in
def second_factor_setup(request: SignedInRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the key), give a first code;
    then the recovery codes are shown, once."""
    user = request.user
    if user_has_device(user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('accounts:second_factor')}?next={_next(request)}")
    device = factors.pending_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            codes = factors.new_recovery_codes(user)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error("token", _("This code is not right: type the one your app shows now."))
    context = {
        "form": form,
        "qr": mark_safe(factors.qr_svg(device)),  # noqa: S308 — drawn here by segno
        "secret": factors.secret_of(device),
        "next": _next(request),
    }
    return render(request, "accounts/second_factor_setup.html", context)


@access.signed_in
def second_factor(request: SignedInRequest) -> HttpResponse:
    """Give the code of one's authenticator app, or one of one's recovery codes."""
    if request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "token", _("This code is not right, or was used already. Type the one shown now.")
        )
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next(request)})


@access.public
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Choose one's password from the invitation link, then sign in."""
    user = invitations.user_for(token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("accounts:home")
    return render(request, "accounts/invitation.html", {"form": form, "person": user})

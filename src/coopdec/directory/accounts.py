"""Managing accounts: here, above territories and the directory, whose records give an
account its scope."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from coopdec.accounts import invitations
from coopdec.accounts.enums import FEDERATION_ROLES, Role
from coopdec.accounts.http import SignedInRequest
from coopdec.accounts.models import User
from coopdec.accounts.rules import ASSIGN_FEDERATION_ROLES, MANAGE_ACCOUNTS
from coopdec.core import access, pickers
from coopdec.core.collation import bilingual, by_name
from coopdec.core.forms import model_choice
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.territories.models import Area
from coopdec.territories.services import describe as describe_local_government

from .models import Organisation, Person
from .services import describe as describe_organisation
from .services import link_account


class AccountForm(forms.ModelForm):
    """A person's account: role and scope (a focal point's communes; a partner's local
    governments and organisations), and the person in the directory it belongs to. Staff
    give the roles outside the federation only."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.order_by(by_name("last_name"), by_name("first_name")),
        required=False,
        label=_("Person in the directory"),
        widget=PickerWidget(multiple=False),
    )

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "email",
            "role",
            "local_governments",
            "organisations",
            "is_active",
        ]
        widgets = {
            "local_governments": PickerWidget(describe=describe_local_government),
            "organisations": PickerWidget(describe=describe_organisation),
        }

    def __init__(self, *args, by, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        if not by.has_perm(ASSIGN_FEDERATION_ROLES):
            role = self.fields["role"]
            assert isinstance(role, forms.ChoiceField)
            role.choices = [(v, label) for v, label in Role.choices if v not in FEDERATION_ROLES]
        model_choice(self, "local_governments").queryset = (
            Area.objects.filter(level__is_local_government=True)
            .select_related("country", "level", "parent")
            .order_by(by_name(bilingual("country__name")), by_name("name"))
        )
        model_choice(self, "organisations").queryset = Organisation.objects.order_by(
            "name"
        ).select_related("country")
        if self.instance.pk is not None:
            self.fields["person"].initial = Person.objects.filter(account=self.instance).first()
        bind_pickers(self, user=by)

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == Role.FOCAL_POINT and not cleaned.get("local_governments"):
            self.add_error("local_governments", _("A focal point speaks for at least one commune."))
        if role == Role.PARTNER and not (
            cleaned.get("local_governments") or cleaned.get("organisations")
        ):
            self.add_error(
                "organisations",
                _("A partner speaks for at least one local government or organisation."),
            )
        person = cleaned.get("person")
        if person is not None and person.account_id not in (None, self.instance.pk):
            self.add_error(
                "person",
                _("%(person)s signs in with another account already.") % {"person": person},
            )
        return cleaned


class InvitationForm(AccountForm):
    class Meta(AccountForm.Meta):
        fields = [f for f in AccountForm.Meta.fields if f != "is_active"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email, last_login__isnull=False).exists():
            raise forms.ValidationError(_("This person already has an account that signs in."))
        return email


def _managed(request: SignedInRequest):
    """The accounts the user may manage (staff: outside the federation)."""
    accounts = User.objects.order_by(by_name("last_name"), by_name("first_name"), "username")
    if not request.user.has_perm(ASSIGN_FEDERATION_ROLES):
        accounts = accounts.exclude(role__in=FEDERATION_ROLES)
    return accounts


@access.permission(MANAGE_ACCOUNTS)
def account_list(request: SignedInRequest) -> HttpResponse:
    accounts = _managed(request).prefetch_related("local_governments", "organisations")
    return render(request, "directory/account_list.html", {"accounts": accounts})


@access.permission(MANAGE_ACCOUNTS)
def account_invite(request: SignedInRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, by=request.user)
    if request.method == "POST" and not pickers.held(form) and form.is_valid():
        user = invitations.invite(
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            local_governments=form.cleaned_data["local_governments"],
            organisations=form.cleaned_data["organisations"],
            by=request.user,
        )
        link_account(account=user, person=form.cleaned_data["person"])
        messages.success(
            request,
            _("Invitation sent to %(email)s (user name %(name)s).")
            % {"email": user.email, "name": user.username},
        )
        return redirect("directory:account_list")
    return render(
        request,
        "core/edit.html",
        {"form": form, "title": _("Invite a person"), "has_pickers": True},
    )


@access.permission(MANAGE_ACCOUNTS)
@require_POST
def account_invitation(request: SignedInRequest, pk: int) -> HttpResponse:
    """Send the invitation of an account that never signed in again, or withdraw it."""
    account = get_object_or_404(_managed(request).filter(last_login__isnull=True), pk=pk)
    access.check(request, MANAGE_ACCOUNTS, account)
    action = request.POST.get("action")
    if action == "resend" and account.is_active:
        invitations.resend(account, by=request.user)
        messages.success(
            request, _("A new invitation was sent to %(email)s.") % {"email": account.email}
        )
    elif action == "withdraw":
        invitations.withdraw(account)
        messages.success(request, _("The invitation was withdrawn: its link no longer works."))
    else:
        messages.error(
            request, _("Nothing was done: choose to send the invitation again or to withdraw it.")
        )
    return redirect("directory:account_edit", pk=account.pk)


@access.permission(MANAGE_ACCOUNTS)
def account_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(_managed(request), pk=pk)
    access.check(request, MANAGE_ACCOUNTS, account)
    form = AccountForm(request.POST or None, instance=account, by=request.user)
    if request.method == "POST" and not pickers.held(form) and form.is_valid():
        with transaction.atomic():
            form.save()
            link_account(account=account, person=form.cleaned_data["person"])
        messages.success(request, _("The account was saved."))
        return redirect("directory:account_list")
    return render(
        request,
        "directory/account_edit.html",
        {"form": form, "title": str(account), "has_pickers": True, "account": account},
    )

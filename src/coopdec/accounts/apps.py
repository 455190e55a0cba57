from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "coopdec.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    # Accounts and their roles are not counted in figures.
    figures = False

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from .models import User

        auditlog.register(
            User,
            include_fields=["username", "email", "first_name", "last_name", "role", "is_active"],
            m2m_fields={"local_governments", "organisations"},
        )
        # Second factors set up, confirmed, reset: traced, never their keys.
        for device in (TOTPDevice, StaticDevice):
            auditlog.register(device, include_fields=["user", "name", "confirmed"])

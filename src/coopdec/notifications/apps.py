from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "coopdec.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    # Notices and e-mails are not counted in figures.
    figures = False

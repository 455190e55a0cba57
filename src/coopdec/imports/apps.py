from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "coopdec.imports"
    label = "imports"
    verbose_name = _("Spreadsheet imports")
    # Import runs are bookkeeping; an import's records bump the figures when written.
    figures = False

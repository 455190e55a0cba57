from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "coopdec.imports"
    label = "imports"
    verbose_name = _("Spreadsheet imports")
    # Import runs are bookkeeping; an import's records bump the figures when written.
    figures = False

    def ready(self) -> None:
        from coopdec.accounts import home
        from coopdec.notifications import schedule

        from . import drafts
        from . import home as imports_home

        home.register("imports", imports_home.section)
        # Imports whose worker died are taken up again even if nobody looks at them.
        schedule.register("background imports taken up again", drafts.take_up_stalled)

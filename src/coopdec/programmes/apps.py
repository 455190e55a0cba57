from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "coopdec.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.comments import registry as comments
        from coopdec.documents import registry as documents
        from coopdec.projects import iati as projects_iati
        from coopdec.review import registry

        from . import iati
        from .models import Activity, CoFunding, Contribution, Participation, Programme

        # A programme concerns the communes of its partnerships (groups its proposals).
        registry.register(
            Programme,
            communes=lambda programme: (
                list(programme.partnerships.values_list("local_government_id", flat=True))
                if programme.pk
                else []
            ),
        )
        # In the IATI export, a programme is the parent activity of its projects.
        projects_iati.register_parents("programmes", iati.parents)
        # Receipts, conventions and reports go with the programme.
        documents.register(Programme)
        auditlog.register(Programme, exclude_fields=["updated_at"], m2m_fields={"partnerships"})
        auditlog.register(CoFunding)
        auditlog.register(Contribution)
        auditlog.register(Activity)
        auditlog.register(Participation)
        # Its records may be commented and followed.
        comments.register(Programme)

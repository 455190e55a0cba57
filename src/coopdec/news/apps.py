from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "coopdec.news"
    label = "news"
    verbose_name = _("News")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from coopdec.comments import registry as comments
        from coopdec.review import registry

        from .models import Post

        # A post concerns the communes it names (groups its proposals).
        registry.register(
            Post,
            communes=lambda post: (
                list(post.communes.values_list("pk", flat=True)) if post.pk else []
            ),
        )
        comments.register(Post)
        auditlog.register(
            Post,
            exclude_fields=["updated_at"],
            m2m_fields={"themes", "communes", "partnerships"},
        )

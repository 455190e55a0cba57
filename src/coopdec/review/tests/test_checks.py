"""A reviewable model that is not registered, or whose queryset does not say whose records
they are, is refused when the project starts (``coopdec check``), not at a user's page."""

from __future__ import annotations

from django.test.utils import isolate_apps

from coopdec.review.apps import every_reviewable_is_registered
from coopdec.review.models import Reviewable, ReviewableQuerySet


@isolate_apps("coopdec.review")
def test_a_reviewable_without_scope_or_registration_is_an_error():
    class Loose(Reviewable):
        objects = ReviewableQuerySet.as_manager()

        class Meta:
            app_label = "review"

        def __str__(self) -> str:
            return "loose"

    ids = {error.id for error in every_reviewable_is_registered(models=[Loose])}
    assert ids == {"review.E001", "review.E002"}


def test_every_reviewable_of_the_project_passes():
    assert every_reviewable_is_registered() == []

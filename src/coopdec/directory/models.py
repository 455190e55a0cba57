from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coopdec.core.collation import by_name
from coopdec.core.links import validate_web_address
from coopdec.core.models import SearchableQuerySet
from coopdec.core.text import search_document

from .enums import OrganisationKind, PositionRole


class OrganisationQuerySet(SearchableQuerySet):
    def with_theme(self, theme) -> OrganisationQuerySet:
        """Organisations supporting a partnership on ``theme`` (read through the relation
        the partnerships declare: directory sits below them)."""
        supporting = Organisation.objects.filter(partnerships__themes=theme).values("pk")
        return self.filter(pk__in=supporting)

    def editable_by(self, user) -> OrganisationQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        return self.filter(pk__in=user.scoped_organisation_ids())


class Organisation(models.Model):
    """A body that is not a local government: association, NGO, ministry, embassy, funder."""

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("address name"), max_length=260, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        "territories.Country",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("country"),
    )
    based_in = models.ForeignKey(
        "territories.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("based in"),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_address])
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = [by_name("name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_document(self.name, self.acronym)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """People whose record ``user`` may read: all for the federation; for a focal point
        or partner, those holding a position at a body in their scope; nobody otherwise."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_federation:
            return self
        areas, organisations = user.scoped_area_ids(), user.scoped_organisation_ids()
        if not areas and not organisations:
            return self.none()
        return self.filter(
            Q(positions__area_id__in=areas) | Q(positions__organisation_id__in=organisations)
        ).distinct()

    editable_by = visible_to

    def _holding(self, **position) -> PersonQuerySet:
        return self.filter(pk__in=Position.objects.filter(**position).values("person"))

    def with_role(self, role: str) -> PersonQuerySet:
        return self._holding(role=role)

    def at_commune(self, commune) -> PersonQuerySet:
        """People in post at the commune, or at an organisation based there."""
        return self.filter(
            pk__in=Position.objects.filter(
                Q(area=commune) | Q(organisation__based_in=commune)
            ).values("person")
        )

    def in_country(self, country) -> PersonQuerySet:
        return self.filter(
            pk__in=Position.objects.filter(
                Q(area__country=country) | Q(organisation__country=country)
            ).values("person")
        )

    def search(self, query: str) -> PersonQuerySet:
        """People with every word of ``query`` in their first or last name, or that
        e-mail address (names are personal data: no index of them is kept)."""
        people = self
        for term in query.split()[:8]:
            people = people.filter(
                Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(email__iexact=term)
            )
        return people


class Person(models.Model):
    """A contact. Personal data: shown only to roles that work with them, never public."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The account this person signs in with: one person, at most one account, and back.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("directory:person_detail", kwargs={"pk": self.pk})


class Position(models.Model):
    """A person's role at a local government or an organisation (mayor, focal point...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(_("role"), max_length=30, choices=PositionRole.choices)
    title = models.CharField(pgettext_lazy("position", "title"), max_length=200, blank=True)
    area = models.ForeignKey(
        "territories.Area",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("local government"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("organisation"),
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False, organisation__isnull=True)
                | Q(area__isnull=True, organisation__isnull=False),
                name="position_at_one_body",
                violation_error_message=_(
                    "A position is held at a local government or at an organisation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} ({self.area or self.organisation})"

"""The read-only JSON API under ``/api/``: the atlas's public records for machines.

Same rules as the pages: records come from ``atlas`` (published, marked public by the
federation), fields are public facts only, never people. Filters are the atlas's own filter
forms, so a filter means the same thing on a page and in the API; a value a form refuses is
a 400 that says why. Anyone may read (no account, no cookie); each client is rate-limited.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import pagination, serializers, throttling, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import BaseFilterBackend

from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine
from coopdec.territories.forms import CommuneFilterForm, LocalGovernmentFilterForm
from coopdec.territories.models import Area

from . import atlas
from .forms import PublicPartnershipFilterForm, PublicProjectFilterForm


class FormFilter(BaseFilterBackend):
    """Filters a list with the view's ``filter_form``; the form's fields are the documented
    query parameters."""

    def filter_queryset(self, request, queryset, view):
        form = view.filter_form(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return form.apply(queryset)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(field.label),
                "schema": _parameter_schema(field),
            }
            for name, field in view.filter_form().fields.items()
        ]


def _parameter_schema(field: forms.Field) -> dict:
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return {"type": "string", "enum": [str(value) for value, _label in field.choices if value]}
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
    return {"type": "string", "maxLength": field.max_length, "pattern": r"^[^\x00]*$"}


class Pages(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


class PerClientThrottle(throttling.UserRateThrottle):
    """Requests per client address (or per account), at ``COOPDEC_API_RATE``."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.COOPDEC_API_RATE


# Serializers: what the public may know of each record.


class PlaceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CommuneSerializer(serializers.ModelSerializer):
    prefecture = PlaceSerializer(source="parent")
    region = PlaceSerializer(source="parent.parent")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    public_partnerships = serializers.IntegerField(
        help_text=_("Public partnerships of the commune.")
    )
    page = serializers.SerializerMethodField(help_text=_("The commune's page on the atlas."))

    class Meta:
        model = Area
        fields = [
            "slug",
            "name",
            "seat_town",
            "official_code",
            "prefecture",
            "region",
            "size_class",
            "population",
            "latitude",
            "longitude",
            "website",
            "description",
            "public_partnerships",
            "page",
        ]

    def get_page(self, area: Area) -> str:
        return self.context["request"].build_absolute_uri(area.get_absolute_url())


class LocalGovernmentSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", help_text=_("ISO 3166 code"))
    level = serializers.CharField(source="level.name")
    page = serializers.SerializerMethodField()

    class Meta:
        model = Area
        fields = ["id", "name", "country", "level", "official_code", "population", "website"]
        fields += ["page"]

    def get_page(self, area: Area) -> str:
        return self.context["request"].build_absolute_uri(area.get_absolute_url())


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField(source="country.code")


class PartnershipSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__")
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    commune = PlaceSerializer(source="local_government")
    partners = PartnerSerializer(source="partner_governments", many=True)
    supporting_organisations = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    public_projects = serializers.IntegerField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Partnership
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "status_since",
            "first_contact_date",
            "signature_date",
            "commune",
            "partners",
            "supporting_organisations",
            "themes",
            "description",
            "public_projects",
            "page",
        ]

    def get_page(self, partnership) -> str:
        return self.context["request"].build_absolute_uri(partnership.get_public_url())


class PartnershipRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class ProjectSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    partnership = PartnershipRefSerializer()
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    planned_eur = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Public funding planned, in euros."),
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = atlas.Project
        fields = [
            "id",
            "title",
            "summary",
            "objectives",
            "status",
            "status_label",
            "start_date",
            "end_date",
            "places",
            "partnership",
            "themes",
            "planned_eur",
            "page",
        ]

    def get_page(self, project) -> str:
        return self.context["request"].build_absolute_uri(project.get_public_url())


# Views.

PROBLEM = inline_serializer("Problem", {"detail": serializers.CharField()})
REFUSED = OpenApiResponse(
    OpenApiTypes.OBJECT, description=_("A filter is not valid: the reasons, by parameter.")
)
NOT_FOUND = OpenApiResponse(PROBLEM, description=_("No such public record, or no such page."))
THROTTLED = OpenApiResponse(PROBLEM, description=_("Too many requests: wait and try again."))


def _list_and_detail(tag: str, serializer):
    return extend_schema_view(
        list=extend_schema(
            tags=[tag],
            responses={200: serializer(many=True), 400: REFUSED, 404: NOT_FOUND, 429: THROTTLED},
        ),
        retrieve=extend_schema(
            tags=[tag], responses={200: serializer, 404: NOT_FOUND, 429: THROTTLED}
        ),
    )


class AtlasViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes: list = []
    filter_backends = [FormFilter]
    pagination_class = Pages
    throttle_classes = [PerClientThrottle]
    # Any key reaches the view, so that a malformed one is a JSON 404 like an unknown one.
    lookup_value_regex = "[^/]+"
    filter_form: type[forms.Form]

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound from None  # in the reader's language, without model names


@_list_and_detail("communes", CommuneSerializer)
class CommuneViewSet(AtlasViewSet):
    """The federation's communes, by name."""

    serializer_class = CommuneSerializer
    filter_form = CommuneFilterForm
    lookup_field = "slug"

    def get_queryset(self):
        counted = Count("partnerships", filter=Q(partnerships__in=atlas.partnerships()))
        return (
            Area.objects.communes()
            .select_related("parent__parent")
            .annotate(public_partnerships=counted)
            .order_by("name", "pk")
        )


@_list_and_detail("local governments", LocalGovernmentSerializer)
class LocalGovernmentViewSet(AtlasViewSet):
    """Local governments abroad recorded as partners or possible partners."""

    serializer_class = LocalGovernmentSerializer
    filter_form = LocalGovernmentFilterForm

    def get_queryset(self):
        return (
            Area.objects.foreign_local_governments()
            .select_related("country", "level")
            .order_by("country__code", "name", "pk")
        )


@_list_and_detail("partnerships", PartnershipSerializer)
class PartnershipViewSet(AtlasViewSet):
    """Public partnerships between a commune and local governments abroad."""

    serializer_class = PartnershipSerializer
    filter_form = PublicPartnershipFilterForm

    def get_queryset(self):
        counted = Count("projects", filter=Q(projects__in=atlas.projects()))
        return (
            atlas.partnerships()
            .select_related("local_government")
            .prefetch_related("partner_governments__country", "supporting_organisations", "themes")
            .annotate(public_projects=counted)
            .order_by("name", "pk")
        )


@_list_and_detail("projects", ProjectSerializer)
class ProjectViewSet(AtlasViewSet):
    """Public projects of public partnerships, with their public funding."""

    serializer_class = ProjectSerializer
    filter_form = PublicProjectFilterForm

    def get_queryset(self):
        planned = Sum(
            "funding_lines__planned_eur",
            filter=Q(funding_lines__in=FundingLine.objects.public()),
            default=0,
        )
        return (
            atlas.projects()
            .select_related("partnership")
            .prefetch_related("themes")
            .annotate(planned_eur=planned)
            .order_by("title", "pk")
        )

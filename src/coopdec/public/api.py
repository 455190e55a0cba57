"""The read-only JSON API under ``/api/``: the atlas's public records for machines.

Same rules as the pages: records come from ``atlas`` (published, marked public by the
federation), fields are public facts only, never people. Filters are the atlas's own filter
forms, so a filter means the same thing on a page and in the API; a value a form refuses is
a 400 that says why. Anyone may read (no account, no cookie); each client is rate-limited.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import pagination, serializers, throttling, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from coopdec.core.dates import iso
from coopdec.core.pagination import CountedPaginator
from coopdec.opportunities import eligibility
from coopdec.opportunities.models import Opportunity
from coopdec.partnerships.models import Partnership
from coopdec.practices.forms import PracticeFilterForm
from coopdec.programmes.models import Activity
from coopdec.territories.forms import CommuneFilterForm, LocalGovernmentFilterForm
from coopdec.territories.models import Area

from . import atlas
from .forms import (
    OpportunityFilterForm,
    PublicPartnershipFilterForm,
    PublicProgrammeFilterForm,
    PublicProjectFilterForm,
)


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
        choices: Any = field.choices
        return {"type": "string", "enum": [str(value) for value, _label in choices if value]}
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
    length = getattr(field, "max_length", None)
    return {"type": "string", "maxLength": length, "pattern": r"^[^\x00]*$"}


class Pages(pagination.PageNumberPagination):
    """Pages cut on the primary keys alone, then only the page's records are read, with
    what the list shows beside them (as ``core.pagination`` does for the pages).

    Deep in a long list, ``page=N`` makes the database count and skip every record before;
    ``cursor`` (each answer's ``next_cursor`` link) starts after the last record read, by
    the list's own order, so page 1,000 costs what page 1 does. A cursor answer has no
    ``count`` (counting is what a cursor avoids); a cursor is signed, and one that was
    altered or made up is a 404 that says so, as an unknown page number is."""

    django_paginator_class = CountedPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = self.asked = request
        self.ordering = _ordering(queryset)
        self.after = request.query_params.get(self.cursor_query_param)
        if self.after is not None and self.ordering:
            keys = self._after_cursor(queryset, request)
        else:
            self.after = None
            keys = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
            self.more = self.page.has_next()
        self.queryset, self.last = queryset, keys[-1] if keys else None
        records = {record.pk: record for record in view.get_queryset().filter(pk__in=keys)}
        return view.with_figures([records[key] for key in keys])

    def _after_cursor(self, queryset, request) -> list:
        try:
            values = signing.loads(self.after, salt=self._salt())
            if not isinstance(values, list) or len(values) != len(self.ordering):
                raise signing.BadSignature
        except signing.BadSignature:
            # As an unknown page number: no such place in the list (DRF's cursors do so).
            raise NotFound(
                _(
                    "This cursor is not valid: follow the next_cursor link of an answer, "
                    "or start again without a cursor."
                )
            ) from None
        size = self.get_page_size(request) or self.page_size
        seek = Q(pk__in=[])
        for index, (name, _expression, descending) in enumerate(self.ordering):
            step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[index]})
            for before in range(index):
                step &= Q(**{self.ordering[before][0]: values[before]})
            seek |= step
        # The first column's bound said alone as well: the same rows, but a database (SQLite)
        # then seeks in the index instead of scanning it from the start (page 800: 78 → 1 ms).
        first, _expression, descending = self.ordering[0]
        seek &= Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]})
        aliased = queryset.alias(**{name: expression for name, expression, _d in self.ordering})
        keys = list(aliased.filter(seek).values_list("pk", flat=True)[: size + 1])
        self.more = len(keys) > size
        return keys[:size]

    def _salt(self) -> str:
        # A cursor holds the values of one list's order: another list refuses it.
        return f"{CURSOR_SALT}:{self.asked.path}"

    def _next_cursor(self) -> str | None:
        if not self.more or self.last is None or not self.ordering:
            return None
        aliased = self.queryset.annotate(
            **{name: expression for name, expression, _d in self.ordering}
        )
        names = [name for name, _e, _d in self.ordering]
        values = aliased.filter(pk=self.last).values_list(*names).get()
        token = signing.dumps([_plain(value) for value in values], salt=self._salt(), compress=True)
        url = replace_query_param(self.asked.build_absolute_uri(), self.cursor_query_param, token)
        return remove_query_param(url, self.page_query_param)

    def get_paginated_response(self, data):
        if self.after is not None:
            return Response({"next_cursor": self._next_cursor(), "results": data})
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "next_cursor": self._next_cursor(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "count": {"type": "integer", "description": str(_("Absent from cursor answers."))},
                "next": {**link, "description": str(_("The next page by number."))},
                "previous": link,
                "next_cursor": {
                    **link,
                    "description": str(
                        _("The records after this answer's last one: as fast deep in the list.")
                    ),
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Where to start: the cursor of an answer's next_cursor link.")
                ),
                # A signed token: URL-safe base64 with its signature (a few hundred at most).
                "schema": {"type": "string", "maxLength": 500, "pattern": r"^[A-Za-z0-9_.:-]*$"},
            },
        ]


CURSOR_SALT = "coopdec.api.cursor"


def _ordering(queryset) -> list[tuple[str, Any, bool]]:
    """The list's order as (alias, expression, descending) terms a cursor seeks on; empty
    (no cursor) when a term may be empty: empty values sort differently on each database."""
    terms = []
    for index, term in enumerate(queryset.query.order_by):
        descending = isinstance(term, str) and term.startswith("-")
        expression = F(term.lstrip("-")) if isinstance(term, str) else term
        if isinstance(term, str):
            field = term.lstrip("-")
            model = queryset.model
            *path, last = field.split("__")
            for part in path:
                model = model._meta.get_field(part).related_model
            if field != "pk" and model._meta.get_field(last).null:
                return []
        terms.append((f"cursor_{index}", expression, descending))
    return terms


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class PerClientThrottle(throttling.AnonRateThrottle):
    """Requests per client address, at ``COOPDEC_API_RATE`` (the API knows no accounts)."""

    scope = "api"

    def get_rate(self) -> str:
        return str(settings.COOPDEC_API_RATE)


# Serializers: what the public may know of each record.


class PlaceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CommuneSerializer(serializers.ModelSerializer):
    prefecture = PlaceSerializer(allow_null=True)
    region = PlaceSerializer(allow_null=True)
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


# Null when unknown: the schema says so (a client must not take it for a date).
@extend_schema_field({"type": "string", "nullable": True, "example": "2007-03"})
class KnownDateField(serializers.Field):
    """A date as far as it is known, ISO 8601: "2007", "2007-03" or "2007-03-12"; null
    when unknown."""

    def __init__(self, precision: str, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)
        self.precision = precision

    def to_representation(self, value):
        return iso(getattr(value, self.field_name), getattr(value, self.precision)) or None


class PartnershipSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__")
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    status_since = KnownDateField("status_since_precision")
    first_contact_date = KnownDateField("first_contact_precision")
    signature_date = KnownDateField("signature_precision")
    commune = PlaceSerializer(source="local_government")
    partners = PartnerSerializer(source="partner_governments", many=True)
    supporting_organisations: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    themes: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
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


def _euros(help_text) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=False, help_text=help_text
    )


class ProjectSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    partnership = PartnershipRefSerializer()
    themes: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    planned_eur = _euros(_("Public funding planned, in euros."))
    committed_eur = _euros(_("Public funding committed, in euros."))
    disbursed_eur = _euros(_("Public funding disbursed, in euros."))
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
            "committed_eur",
            "disbursed_eur",
            "page",
        ]

    def get_page(self, project) -> str:
        return self.context["request"].build_absolute_uri(project.get_public_url())


class CoFundingSerializer(serializers.Serializer):
    funder = serializers.CharField(source="funder.name")
    share = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Percent of the budget."),
    )


class ActivitySerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    days = serializers.IntegerField(allow_null=True)
    place = serializers.CharField()
    partnerships = serializers.IntegerField(
        source="counted.partnerships", help_text=_("Partnerships taking part.")
    )
    participants = serializers.IntegerField(
        source="counted.people", allow_null=True, help_text=_("Null when not counted.")
    )


class ResultSerializer(serializers.Serializer):
    unit = serializers.CharField()
    indicators = serializers.IntegerField()
    projects = serializers.IntegerField()
    baseline = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=False)
    target = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=False)
    measured = serializers.IntegerField(help_text=_("Indicators with a measured value."))
    achieved = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Sum of the latest measured values."),
    )


class ProgrammeSerializer(serializers.ModelSerializer):
    lead = serializers.CharField(source="lead.name", allow_null=True, default=None)
    lead_country = serializers.CharField(source="lead.country.code", allow_null=True, default=None)
    currency = serializers.CharField(source="currency.code")
    budget = serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    yearly_contribution = serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    cofunding = CoFundingSerializer(many=True)
    partnerships = PartnershipRefSerializer(source="public_partnerships", many=True)
    projects = serializers.ListField(
        source="public_project_ids",
        child=serializers.IntegerField(),
        help_text=_("Identifiers of its public projects (its partnerships' and its own)."),
    )
    activities = ActivitySerializer(many=True)
    results = ResultSerializer(many=True, help_text=_("Its indicators added up by unit."))
    page = serializers.SerializerMethodField()

    class Meta:
        model = atlas.Programme
        fields = ["id", "name", "description", "lead", "lead_country", "start_date", "end_date"]
        fields += ["currency", "budget", "yearly_contribution", "cofunding", "partnerships"]
        fields += ["projects", "activities", "results", "page"]

    def get_page(self, programme) -> str:
        return self.context["request"].build_absolute_uri(programme.get_public_url())


class PlaceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField(source="country.code")


class PracticeSerializer(serializers.ModelSerializer):
    cost = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    currency = serializers.CharField(source="currency.code", allow_null=True, default=None)
    contact_role_label = serializers.CharField(source="get_contact_role_display")
    themes: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    countries: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    local_governments = PlaceRefSerializer(source="public_places", many=True)
    projects = serializers.ListField(
        source="public_project_ids",
        child=serializers.IntegerField(),
        help_text=_("Identifiers of the public projects it comes from."),
    )
    partnerships = serializers.ListField(
        source="public_partnership_ids",
        child=serializers.IntegerField(),
        help_text=_("Identifiers of the public partnerships it comes from."),
    )
    translation = serializers.IntegerField(
        source="translation_id",
        allow_null=True,
        help_text=_("Identifier of the same practice in the other language."),
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = atlas.GoodPractice
        fields = ["id", "title", "language", "summary", "context", "actions", "results"]
        fields += ["lessons", "replication", "cost", "currency", "contact_role"]
        fields += ["contact_role_label", "themes", "countries", "local_governments", "projects"]
        fields += ["partnerships", "translation", "created_at", "updated_at", "page"]

    def get_page(self, practice) -> str:
        return self.context["request"].build_absolute_uri(practice.get_absolute_url())


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


class OpportunitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    issuer = serializers.SerializerMethodField()
    currency = serializers.CharField(source="currency.code", allow_null=True, default=None)
    themes = serializers.SerializerMethodField(help_text=_("Theme codes"))
    who_may_answer = serializers.SerializerMethodField(
        help_text=_("The conditions, in words, in the reader's language.")
    )
    page = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = ["id", "kind", "kind_label", "title", "summary", "body", "link", "issuer"]
        fields += ["opens_at", "closes_at", "time_zone", "amount_min", "amount_max", "currency"]
        fields += ["themes", "who_may_answer", "page"]

    def get_issuer(self, opportunity: Opportunity) -> str | None:
        issuer = opportunity.issuer_organisation or opportunity.issuer_government
        return str(issuer) if issuer else None

    def get_themes(self, opportunity: Opportunity) -> list[str]:
        return [theme.code for theme in opportunity.condition_themes]

    def get_who_may_answer(self, opportunity: Opportunity) -> list[str]:
        return eligibility.conditions(opportunity)

    def get_page(self, opportunity: Opportunity) -> str:
        url = reverse("public:opportunity_list") + f"#opportunite-{opportunity.pk}"
        return self.context["request"].build_absolute_uri(url)


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
            return self.with_figures([super().get_object()])[0]
        except Http404:
            raise NotFound from None  # in the reader's language, without model names

    # A count shown beside each record: (the function counting them by key, attribute name).
    counted: tuple | None = None

    def with_figures(self, records: list) -> list:
        """``records`` with what the API shows beside each (counts, sums)."""
        if self.counted:
            count, name = self.counted
            counts = count(record.pk for record in records)
            for record in records:
                setattr(record, name, counts.get(record.pk, 0))
        return records


@_list_and_detail("communes", CommuneSerializer)
class CommuneViewSet(AtlasViewSet):
    """The federation's communes, by name."""

    serializer_class = CommuneSerializer
    filter_form = CommuneFilterForm
    lookup_field = "slug"

    counted = (atlas.public_partnership_counts, "public_partnerships")

    def get_queryset(self):
        return atlas.communes_listed()


@_list_and_detail("local governments", LocalGovernmentSerializer)
class LocalGovernmentViewSet(AtlasViewSet):
    """Local governments abroad recorded as partners or possible partners."""

    serializer_class = LocalGovernmentSerializer
    filter_form = LocalGovernmentFilterForm

    def get_queryset(self):
        return atlas.local_governments_listed()


@_list_and_detail("partnerships", PartnershipSerializer)
class PartnershipViewSet(AtlasViewSet):
    """Public partnerships between a commune and local governments abroad."""

    serializer_class = PartnershipSerializer
    filter_form = PublicPartnershipFilterForm

    counted = (atlas.public_project_counts, "public_projects")

    def get_queryset(self):
        return atlas.partnerships_listed()


@_list_and_detail("projects", ProjectSerializer)
class ProjectViewSet(AtlasViewSet):
    """Public projects of public partnerships, with their public funding."""

    serializer_class = ProjectSerializer
    filter_form = PublicProjectFilterForm

    def get_queryset(self):
        return atlas.projects_listed()

    def with_figures(self, records: list) -> list:
        funding = atlas.public_funding(record.pk for record in records)
        for record in records:
            for name, value in funding.get(record.pk, atlas.NO_FUNDING).items():
                setattr(record, name, value)
        return records


@_list_and_detail("opportunities", OpportunitySerializer)
class OpportunityViewSet(AtlasViewSet):
    """Open opportunities published for everyone, soonest deadline first."""

    serializer_class = OpportunitySerializer
    filter_form = OpportunityFilterForm

    def get_queryset(self):
        return atlas.opportunities_listed()

    def with_figures(self, records: list) -> list:
        return eligibility.attach_conditions(records)


@_list_and_detail("programmes", ProgrammeSerializer)
class ProgrammeViewSet(AtlasViewSet):
    """Public programmes: partnerships pooled around a lead, with their plan, activities
    (counts only) and results."""

    serializer_class = ProgrammeSerializer
    filter_form = PublicProgrammeFilterForm

    def get_queryset(self):
        return atlas.programmes_listed().prefetch_related(
            "cofunding__funder_organisation",
            "cofunding__funder_government",
            Prefetch("activities", queryset=Activity.objects.prefetch_related("participations")),
        )

    def with_figures(self, records: list) -> list:
        # A page holds a few programmes: each one's public parts are read on their own.
        for record in records:
            record.public_partnerships = list(
                atlas.programme_partnerships(record).order_by("pk").only("pk", "name")
            )
            record.public_project_ids = list(
                atlas.programme_projects(record).order_by("pk").values_list("pk", flat=True)
            )
            record.results = atlas.programme_results(record)[0]
        return records


@_list_and_detail("good practices", PracticeSerializer)
class PracticeViewSet(AtlasViewSet):
    """Good practices validated by the federation, newest first."""

    serializer_class = PracticeSerializer
    filter_form = PracticeFilterForm

    def get_queryset(self):
        return atlas.practices_listed()

    def with_figures(self, records: list) -> list:
        for record in records:
            record.public_project_ids, record.public_partnership_ids = atlas.practice_sources(
                record
            )
            record.translation_id = atlas.practice_translation(record)
            record.public_places = list(atlas.practice_places(record))
        return records

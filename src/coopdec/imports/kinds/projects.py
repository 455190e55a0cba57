"""Projects and their funding lines, each attached to a partnership already recorded."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopdec.core.text import normalize_name, search_document
from coopdec.directory.models import Organisation
from coopdec.projects.enums import Instrument, ProjectStatus
from coopdec.projects.models import FundingLine, Project
from coopdec.territories.models import Currency

from ..values import parse_amount, parse_date
from .base import FUNDER, Column, ImportKind, choice_parser, pk_of
from .partnerships import LOCAL_GOVERNMENT, PartnershipFinder, partners_column

TITLE_SYNONYMS = ("projet", "titre", "titre du projet", "intitule", "intitule du projet", "action")


def projects_by_title() -> dict[tuple[int, str], int]:
    return {
        (partnership, normalize_name(title)): pk
        for pk, partnership, title in Project.objects.values_list(
            "pk", "partnership_id", "title"
        ).iterator(5000)
    }


class ProjectImport(ImportKind):
    key = "projects"
    label = gettext_lazy("Projects")
    model = Project
    columns = (
        LOCAL_GOVERNMENT,
        partners_column(required=False),
        Column("title", gettext_lazy("Title"), TITLE_SYNONYMS, required=True),
        Column(
            "status",
            gettext_lazy("Status"),
            ("statut", "etat", "avancement"),
            parse=choice_parser(ProjectStatus, "project_status"),
        ),
        Column("start_date", gettext_lazy("Start"), ("debut", "date de debut"), parse=parse_date),
        Column("end_date", gettext_lazy("End"), ("fin", "date de fin"), parse=parse_date),
        Column("themes", gettext_lazy("Themes"), ("thematiques", "domaines"), parse="parse_themes"),
        Column("summary", gettext_lazy("Summary"), ("resume", "description")),
        Column("objectives", gettext_lazy("Objectives"), ("objectifs",)),
        Column("places", gettext_lazy("Places"), ("lieux", "localites", "villages", "sites")),
    )
    defaults = {"status": ProjectStatus.ONGOING}
    scalar_fields = (
        "partnership_id",
        "title",
        "status",
        "start_date",
        "end_date",
        "summary",
        "objectives",
        "places",
    )
    many_fields = ("themes",)
    fixed = {"published": True}
    example = {
        "local_government": "Kloto 1",
        "partner_governments": "Bressuire",
        "title": "Forages dans les villages de Kloto 1",
        "status": "En cours",
        "start_date": "2019",
        "end_date": "31/12/2021",
        "themes": "Eau et assainissement",
        "summary": "",
        "objectives": "",
        "places": "Kpimé; Tomé",
    }

    def complete(self, values: dict) -> list[str]:
        partnership, problem = PartnershipFinder(self).find(values)
        if partnership is None:
            return [problem]
        values["partnership_id"] = partnership
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and end < start:
            return [_("A project cannot end before it starts.")]
        return []

    def key_of(self, values: dict) -> tuple:
        return (values["partnership_id"], normalize_name(values["title"]))

    def existing(self) -> dict[tuple, int]:
        return self.reference("projects", projects_by_title)

    def prepare(self, records: list[Project]) -> None:
        for project in records:
            project.search_text = search_document(project.title, project.places)


def parse_money(value) -> tuple[Decimal, str | None] | None:
    amount = parse_amount(value)
    if amount is not None and amount[0] < 0:
        raise ValueError(_("an amount cannot be negative."))
    return amount


def amount_column(field: str, label, synonyms: tuple[str, ...], required=False) -> Column:
    return Column(field, label, synonyms, required=required, parse=parse_money)


class FundingLineImport(ImportKind):
    """One funder's contribution to a project: the project by its commune (and partners
    when the commune has several partnerships) and its title; the funder by name, an
    organisation or a local government; amounts in the currency the cells or the currency
    column give."""

    key = "funding_lines"
    label = gettext_lazy("Funding lines")
    model = FundingLine
    columns = (
        LOCAL_GOVERNMENT,
        partners_column(required=False),
        Column("project", gettext_lazy("Project"), TITLE_SYNONYMS, required=True),
        Column(
            "funder",
            gettext_lazy("Funder"),
            ("bailleur", "financeur", "source de financement", "donateur", "funder"),
            required=True,
            resolve=FUNDER,
        ),
        Column(
            "instrument",
            gettext_lazy("Instrument"),
            ("dispositif", "instrument", "guichet", "type de financement"),
            parse=choice_parser(Instrument),
        ),
        Column("currency", gettext_lazy("Currency"), ("devise", "monnaie")),
        amount_column(
            "planned", gettext_lazy("Planned"), ("montant", "montant prevu", "budget"), True
        ),
        amount_column("committed", gettext_lazy("Committed"), ("montant engage", "engage")),
        amount_column(
            "disbursed", gettext_lazy("Disbursed"), ("montant verse", "verse", "decaisse")
        ),
        Column(
            "date",
            gettext_lazy("Date"),
            ("date", "annee", "date de decision", "date de versement"),
            required=True,
            parse=parse_date,
        ),
        Column(
            "units_per_euro",
            gettext_lazy("Exchange rate (units for one euro)"),
            ("taux", "taux de change"),
            parse=parse_money,
        ),
        Column("rate_date", gettext_lazy("Rate date"), ("date du taux",), parse=parse_date),
    )
    scalar_fields = (
        "project_id",
        "funder_organisation",
        "funder_government",
        "instrument",
        "currency_id",
        "planned",
        "committed",
        "disbursed",
        "date",
        "units_per_euro",
        "rate_date",
    )
    fixed = {"published": True}
    example = {
        "local_government": "Kloto 1",
        "partner_governments": "Bressuire",
        "project": "Forages dans les villages de Kloto 1",
        "funder": "Bressuire",
        "instrument": "1 % eau et assainissement",
        "currency": "",
        "planned": "12 000 €",
        "committed": "12 000 €",
        "disbursed": "8 000 €",
        "date": "mars 2019",
        "units_per_euro": "",
        "rate_date": "",
    }

    def complete(self, values: dict) -> list[str]:
        partnership, problem = PartnershipFinder(self).find(values)
        if partnership is None:
            return [problem]
        values.setdefault("instrument", Instrument.OTHER)  # part of what tells lines apart
        project = self.reference("projects", projects_by_title).get(
            (partnership, normalize_name(values.pop("project")))
        )
        if project is None:
            return [_("This partnership has no project of that title: import the projects first.")]
        values["project_id"] = project
        funder = values.pop("funder")
        # The funder as found (a record to create with the import, or an area's id until the
        # areas are loaded), so that the line points to it once written.
        is_organisation = isinstance(funder, Organisation)
        values["funder_organisation"] = funder if is_organisation else None
        values["funder_government"] = None if is_organisation else funder
        return self._amounts(values)

    def _amounts(self, values: dict) -> list[str]:
        currencies = self.reference(
            "currencies", lambda: {c.code: c for c in Currency.objects.all()}
        )
        named = {str(values.pop("currency", "")).strip().upper()} - {""}
        for field in FundingLine.AMOUNTS:
            number, code = values.get(field) or (Decimal(0), None)
            values[field] = number
            if code:
                named.add(code)
        if len(named) > 1:
            return [_("The amounts are in several currencies: one line per currency.")]
        if not named:
            return [_("Say the currency: in the currency column or beside the amounts.")]
        code = named.pop()
        currency = currencies.get(code)
        if currency is None:
            return [_("“%(value)s” is not a known currency.") % {"value": code}]
        values["currency_id"] = currency.pk
        rate = values.pop("units_per_euro", None)
        if currency.rate_is_fixed:
            values["units_per_euro"], values["rate_date"] = (
                currency.units_per_euro,
                currency.rate_date,
            )
        elif rate is None or not values.get("rate_date"):
            return [
                _("%(currency)s has no fixed parity to the euro: give the rate used and its date.")
                % {"currency": code}
            ]
        else:
            values["units_per_euro"] = rate[0]
        return []

    def key_of(self, values: dict) -> tuple:
        return (
            values["project_id"],
            pk_of(values["funder_organisation"]),
            pk_of(values["funder_government"]),
            values["date"],
            values["instrument"],
        )

    def existing(self) -> dict[tuple, int]:
        rows = FundingLine.objects.values_list(
            "project_id",
            "funder_organisation_id",
            "funder_government_id",
            "date",
            "instrument",
            "pk",
        )
        return {tuple(row[:5]): row[5] for row in rows.iterator(5000)}

    def prepare(self, records: list[FundingLine]) -> None:
        for line in records:
            line.convert()

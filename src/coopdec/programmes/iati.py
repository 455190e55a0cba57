"""Programmes in the IATI export: each validated programme with a start date is a parent
activity (hierarchy 1) whose children are the exported projects of its partnerships and
those it runs itself
(related-activity type 2; each child points back with type 1); the members' paid
contributions are its incoming funds (transaction type 1). Only public programmes go in
the open data file."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from lxml import etree

from coopdec.directory.enums import OrganisationKind
from coopdec.projects import iati
from coopdec.projects.models import Project

from .models import Programme

INCOMING_FUNDS = "1"


def _status(programme: Programme) -> str:
    """Pipeline (1) before its start, implementation (2) until its end, finalisation (3)
    after it, as far as the dates tell."""
    today = timezone.localdate()
    if programme.start_date and today < programme.start_date:
        return "1"
    if programme.end_date and today > programme.end_date:
        return "3"
    return "2"


def activity(programme: Programme, children: list[str]) -> etree._Element:
    root = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": programme.updated_at.isoformat(timespec="seconds"),
            iati.XML_LANG: "fr",
            "default-currency": programme.currency.code,
            "hierarchy": iati.PARENT,
        },
    )
    iati.sub(root, "iati-identifier", iati.identifier("programme", programme.pk))
    iati.narrative(
        root,
        "reporting-org",
        str(settings.COOPDEC_FEDERATION_NAME),
        ref=settings.COOPDEC_IATI_ORGANISATION,
        type=settings.COOPDEC_IATI_ORGANISATION_TYPE,
    )
    iati.narrative(root, "title", programme.name)
    iati.narrative(root, "description", programme.description or programme.name, type="1")
    if programme.lead_government:
        iati.participant(
            root, iati.IMPLEMENTING, programme.lead_government.name, iati.LOCAL_GOVERNMENT
        )
    elif programme.lead_organisation:
        kind = iati.ORGANISATION_TYPE[OrganisationKind(programme.lead_organisation.kind)]
        iati.participant(root, iati.IMPLEMENTING, programme.lead_organisation.name, kind)
    for line in programme.cofunding.all():
        if line.funder_organisation:
            kind = iati.ORGANISATION_TYPE[OrganisationKind(line.funder_organisation.kind)]
        else:
            kind = iati.LOCAL_GOVERNMENT
        iati.participant(root, iati.FUNDING, str(line.funder), kind)
    iati.sub(root, "activity-status", code=_status(programme))
    assert programme.start_date  # exported ones have one (``parents``)
    started = _status(programme) != "1"
    iati.sub(
        root,
        "activity-date",
        iso_date=programme.start_date.isoformat(),
        type="2" if started else "1",
    )
    if programme.end_date:
        ended = _status(programme) == "3"
        iati.sub(
            root,
            "activity-date",
            iso_date=programme.end_date.isoformat(),
            type="4" if ended else "3",
        )
    iati.sub(root, "recipient-country", code=settings.COOPDEC_HOME_COUNTRY, percentage="100")
    iati.sectors(root, [])
    for contribution in programme.contributions.select_related("member"):
        if contribution.paid is None or contribution.paid_on is None:
            continue  # due, not paid: no funds came in
        transaction = iati.sub(root, "transaction")
        iati.sub(transaction, "transaction-type", code=INCOMING_FUNDS)
        iati.sub(transaction, "transaction-date", iso_date=contribution.paid_on.isoformat())
        iati.sub(
            transaction,
            "value",
            iati.decimal(contribution.paid),
            currency=programme.currency.code,
            value_date=contribution.paid_on.isoformat(),
        )
        iati.narrative(transaction, "provider-org", contribution.member.name)
    for child in children:
        iati.sub(root, "related-activity", ref=child, type=iati.CHILD)
    return root


def parents(projects: list[Project], public: bool) -> list[iati.Parent]:
    programmes = (Programme.objects.public() if public else Programme.objects.published()).filter(
        start_date__isnull=False
    )
    found = []
    # In the order they were recorded: the same file from the same data, on any database.
    for programme in (
        programmes.select_related("currency", "lead_government", "lead_organisation")
        .prefetch_related("cofunding__funder_organisation", "cofunding__funder_government")
        .order_by("pk")
    ):
        pooled = set(programme.partnerships.values_list("pk", flat=True))
        own = set(programme.projects.values_list("pk", flat=True))
        children = [
            project.pk
            for project in projects
            if project.partnership_id in pooled or project.pk in own
        ]
        identifiers = [iati.identifier("project", pk) for pk in children]
        found.append(
            iati.Parent(
                iati.identifier("programme", programme.pk),
                activity(programme, identifiers),
                children,
            )
        )
    return found

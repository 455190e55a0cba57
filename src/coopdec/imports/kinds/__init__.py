"""What can be imported: for each kind of record, its columns (with the French and English
headers people give them), how each cell is read, and how a row becomes a record."""

from .accounts import AccountImport
from .areas import LocalGovernmentImport
from .base import (
    ABROAD,
    FUNDER,
    HOME,
    LOCAL,
    ORGANISATION,
    Column,
    ImportKind,
    organisations_by_name,
)
from .directory import OrganisationImport, PersonImport
from .missions import MissionImport
from .partnerships import PartnershipImport
from .projects import FundingLineImport, ProjectImport

# Partnerships first: the list every federation starts from.
KINDS: dict[str, type[ImportKind]] = {
    kind.key: kind
    for kind in (
        PartnershipImport,
        ProjectImport,
        FundingLineImport,
        LocalGovernmentImport,
        OrganisationImport,
        PersonImport,
        AccountImport,
        MissionImport,
    )
}

__all__ = [
    "ABROAD",
    "FUNDER",
    "HOME",
    "KINDS",
    "LOCAL",
    "ORGANISATION",
    "Column",
    "ImportKind",
    "organisations_by_name",
]

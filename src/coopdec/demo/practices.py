"""Two good practices, validated: water points run by neighbourhood committees, drafted
from the Kloto 1 – Bressuire water project (in French, with its English version), and the
market exchanges between Badou and Bohicon (Benin)."""

from __future__ import annotations

from coopdec.core.reference import LoadReport
from coopdec.practices import services
from coopdec.practices.models import GoodPractice
from coopdec.projects.models import Project

WATER = "Des comités de quartier pour gérer les bornes-fontaines"
WATER_EN = "Neighbourhood committees to run the public water points"
MARKETS = "Des échanges entre commerçantes de deux marchés frontaliers"


def _practice(report: LoadReport, title: str, values: dict, **fields) -> GoodPractice:
    practice = GoodPractice.objects.filter(title=title).first()
    if practice is not None:
        return practice
    practice = GoodPractice(title=title, published=True, **fields)
    services.write(practice, values)
    report.record(GoodPractice, "created")
    return practice


def load_practices(report: LoadReport) -> None:
    water = Project.objects.get(title__startswith="Adduction d'eau potable")
    drafted = services.draft_from(water)
    links = {key: drafted[key] for key in ("projects", "partnerships", "themes", "goals")}
    french = _practice(
        report,
        WATER,
        links,
        language="fr",
        summary=(
            "À Kpalimé, chaque borne-fontaine du réseau est confiée à un comité de quartier "
            "élu qui vend l'eau au seau, tient un cahier de recettes et paie les petites "
            "réparations."
        ),
        context=(
            "Les quartiers de Kpalimé n'avaient pas d'eau potable à moins d'un kilomètre ; "
            "les points d'eau construits auparavant étaient tombés en panne faute d'entretien."
        ),
        actions=(
            "La commune et Bressuire ont étendu le réseau ; chaque quartier a élu un comité "
            "de cinq membres, dont trois femmes, formé à la gestion et à l'hygiène par le "
            "service technique communal ; un prix du seau a été fixé en assemblée."
        ),
        results=drafted["results"],
        lessons=(
            "Un comité élu et un prix discuté en public font accepter le paiement de l'eau ; "
            "le cahier de recettes, relu chaque trimestre avec la commune, évite les conflits."
        ),
        replication=(
            "Un réseau existant ou en travaux, un agent communal pour former et suivre les "
            "comités, et l'accord des chefs de quartier."
        ),
        contact_role="focal_point",
    )
    _practice(
        report,
        WATER_EN,
        links,
        language="en",
        translation_of=french,
        summary=(
            "In Kpalimé, each public water point is entrusted to an elected neighbourhood "
            "committee that sells water by the bucket, keeps a book of receipts and pays for "
            "small repairs."
        ),
        context=(
            "Kpalimé's neighbourhoods had no drinking water within a kilometre; earlier water "
            "points had broken down for lack of upkeep."
        ),
        actions=(
            "The commune and Bressuire extended the network; each neighbourhood elected a "
            "committee of five, three of them women, trained in management and hygiene by the "
            "commune's technical service; the price of a bucket was set in a public meeting."
        ),
        results="Households with drinking water: from 0 to 180 (target 400).",
        lessons=(
            "An elected committee and a price discussed in public make paying for water "
            "accepted; the book of receipts, reviewed each quarter with the commune, prevents "
            "disputes."
        ),
        replication=(
            "A network in place or being built, a commune officer to train and follow the "
            "committees, and the neighbourhood chiefs' agreement."
        ),
        contact_role="focal_point",
    )
    markets = Project.objects.filter(title__startswith="Échanges entre marchés").first()
    if markets is not None:
        _practice(
            report,
            MARKETS,
            {"projects": [markets], "partnerships": [markets.partnership]},
            language="fr",
            summary=(
                "Des commerçantes de Badou et de Bohicon se rendent visite deux fois par an "
                "pour comparer l'organisation de leurs marchés et vendre ensemble."
            ),
            context=(
                "Les deux marchés, de part et d'autre de la frontière, connaissaient mal les "
                "règles et les produits de l'autre."
            ),
            actions=(
                "Les deux communes ont organisé des voyages d'échange, une foire commune et "
                "un comité de marché mixte."
            ),
            lessons="Les échanges entre pairs convainquent plus vite que les formations.",
            replication="Deux marchés proches, des associations de commerçantes organisées.",
            contact_role="focal_point",
        )

"""Two news items: a public one with a picture drawn here (no download), and one for
members."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from coopdec.core.reference import LoadReport
from coopdec.news.models import Post
from coopdec.review.registry import write_fields
from coopdec.territories.models import Area

PUBLIC = "Les bornes-fontaines de Kpalimé inaugurées"
MEMBERS = "Ordre du jour du prochain comité de pilotage"


def _picture() -> bytes:
    """A water point, drawn: a grey column and a blue drop on a green ground."""
    image = Image.new("RGB", (640, 360), (231, 240, 233))
    draw = ImageDraw.Draw(image)
    draw.rectangle((290, 90, 350, 330), fill=(120, 128, 136))
    draw.ellipse((300, 200, 340, 250), fill=(40, 110, 190))
    draw.rectangle((0, 330, 640, 360), fill=(27, 107, 58))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def load_news(report: LoadReport) -> None:
    if Post.objects.filter(title=PUBLIC).exists():
        return
    kloto = Area.objects.communes().filter(slug="kloto-1")
    post = Post(
        title=PUBLIC,
        summary="Douze bornes-fontaines desservent désormais les quartiers de Kpalimé.",
        body=(
            "La commune de Kloto 1 et la ville de Bressuire ont inauguré les douze "
            "bornes-fontaines du réseau d'eau potable, chacune confiée à un comité de "
            "quartier.\n\nLes comités ont été formés à la gestion et à l'hygiène."
        ),
        image_description="Une borne-fontaine, dessin",
        is_public=True,
        published=True,
    )
    post.image.save("bornes-fontaines.png", ContentFile(_picture()), save=False)
    write_fields(post, {"communes": list(kloto)})
    members = Post(
        title=MEMBERS,
        summary="Les points proposés pour le comité du mois prochain.",
        body="Travaux du mois, problèmes rencontrés, opportunités en cours.",
        published=True,
    )
    write_fields(members, {})
    report.record(Post, "created")
    report.record(Post, "created")

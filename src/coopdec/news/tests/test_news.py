"""News: the federation posts for everyone or for members; partners' posts wait for it; an
image that is not an image, or too heavy, is refused with a message and nothing is
written; public posts are on the atlas home, in the Atom feed and in the open data, the
others nowhere public."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from coopdec.news.models import Post
from coopdec.public.tasks import build_open_data

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def png(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (27, 107, 58)).save(buffer, "PNG")
    return buffer.getvalue()


def _post(client, title: str, *, public: bool, image: SimpleUploadedFile | None = None):
    data = {"title": title, "summary": "En bref.", "body": "Le texte.", "is_public": public}
    if image is not None:
        data |= {"image": image, "image_description": "Une borne-fontaine à Kpalimé"}
    return client.post(reverse("news:create"), data)


def stored_images() -> list[str]:
    """The files under ``news/`` in the media storage."""

    def walk(folder: str) -> list[str]:
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return []
        found = [f"{folder}/{name}" for name in files]
        for sub in folders:
            found += walk(f"{folder}/{sub}")
        return found

    return walk("news")


def test_an_image_that_is_not_one_or_too_heavy_is_refused_and_nothing_written(users, client_for):
    before = stored_images()
    staff = client_for(users["staff"])
    staff.cookies["django_language"] = "fr"
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    page = _post(staff, "Inauguration", public=True, image=fake).content.decode()
    assert "Ce fichier n’est pas une image lisible" in page
    heavy = SimpleUploadedFile("photo.png", png() + b"\0" * (2 * 1024 * 1024), "image/png")
    page = _post(staff, "Inauguration", public=True, image=heavy).content.decode()
    assert "au plus 2 Mo" in page
    assert not Post.objects.exists()
    assert stored_images() == before  # no file kept either


def test_public_news_reach_the_atlas_feed_and_open_data_members_news_nowhere_public(
    users, client_for
):
    staff = client_for(users["staff"])
    # A PNG named .jpg is kept, and served, as the PNG it is.
    photo = SimpleUploadedFile("borne.jpg", png(), content_type="image/jpeg")
    assert (
        _post(staff, "Inauguration des bornes-fontaines", public=True, image=photo).status_code
        == 302
    )
    assert _post(staff, "Ordre du jour du comité", public=False).status_code == 302
    public, members = Post.objects.order_by("pk")
    visitor = Client()
    home = visitor.get(reverse("public:home")).content.decode()
    assert "Inauguration des bornes-fontaines" in home and "Ordre du jour" not in home
    feed = ElementTree.fromstring(  # noqa: S314 — our own feed
        visitor.get(reverse("public:news_feed")).content
    )
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [public.title]
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{required}") is not None
    page = visitor.get(public.get_absolute_url()).content.decode()
    assert 'alt="Une borne-fontaine à Kpalimé"' in page
    image = visitor.get(reverse("news:image", args=[public.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert visitor.get(members.get_absolute_url()).status_code == 404
    build_open_data.call()
    rows = visitor.get(reverse("public:open_data_file", args=["actualites.csv"]))
    table = list(csv.DictReader(io.StringIO(b"".join(rows).decode("utf-8-sig")), delimiter=";"))
    assert [row["title"] for row in table] == [public.title]
    # The list's download holds what the visitor may read, no more.
    download = visitor.get(reverse("news:list"), {"export": "csv"})
    text = b"".join(download).decode("utf-8-sig")
    assert "Inauguration des bornes-fontaines" in text and "Ordre du jour" not in text
    # Every member reads both.
    observer = client_for(users["observer"])
    assert observer.get(members.get_absolute_url()).status_code == 200


def test_a_partners_post_waits_for_the_federation(users, client_for):
    partner = client_for(users["partner"])
    assert _post(partner, "Visite de la délégation", public=True).status_code == 302
    post = Post.objects.get()
    assert not post.published and not post.is_public  # the public box is the federation's
    assert Client().get(post.get_absolute_url()).status_code == 404

"""``sitemap.xml``: the atlas pages a search engine may list (public records only)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from coopdec.core.collation import by_name
from coopdec.territories.models import Area

from . import atlas


class StaticPages(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "public:home",
            "public:map",
            "public:country_map",
            "public:partnership_list",
            "public:project_list",
            "public:programme_list",
            "practices:list",
            "news:list",
            "library:list",
            "territories:commune_list",
        ]

    def location(self, item):
        return reverse(item)


class Communes(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Area.objects.communes().select_related("country", "level").order_by(by_name("name"))

    def lastmod(self, item):
        return item.updated_at


class PublicRecords(Sitemap):
    """Public records of one kind (``records`` gives the queryset)."""

    def __init__(self, records) -> None:
        self.records = records

    def items(self):
        return self.records().order_by("pk")

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at


class Countries(Sitemap):
    def items(self):
        return [country for country, _n in atlas.partner_countries()]

    def location(self, item):
        return item.get_public_url()


SITEMAPS = {
    "pages": StaticPages,
    "communes": Communes,
    "partnerships": PublicRecords(atlas.partnerships),
    "projects": PublicRecords(atlas.projects),
    "programmes": PublicRecords(atlas.programmes_listed),
    "practices": PublicRecords(atlas.practices_listed),
    "news": PublicRecords(atlas.news_listed),
    "library": PublicRecords(atlas.publications_listed),
    "countries": Countries,
}

"""Atom feeds of the atlas: the newest public news and validated good practices (Django's
syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from coopdec.news.models import Post
from coopdec.practices.models import GoodPractice

ENTRIES = 30


class PracticeFeed(Feed):
    feed_type = Atom1Feed
    title = _("Good practices of decentralised cooperation")
    subtitle = _("The newest good practices validated by the federation.")

    def link(self) -> str:
        return reverse("practices:list")

    def items(self):
        return GoodPractice.objects.public().order_by("-created_at", "-pk")[:ENTRIES]

    def item_title(self, item: GoodPractice) -> str:
        return item.title

    def item_description(self, item: GoodPractice) -> str:
        return item.summary

    def item_link(self, item: GoodPractice) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: GoodPractice):
        return item.created_at

    def item_updateddate(self, item: GoodPractice):
        return item.updated_at


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("News of decentralised cooperation")
    subtitle = _("The federation's public news.")

    def link(self) -> str:
        return reverse("news:list")

    def items(self):
        return Post.objects.public().order_by("-created_at", "-pk")[:ENTRIES]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.summary

    def item_link(self, item: Post) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Post):
        return item.created_at

    def item_updateddate(self, item: Post):
        return item.updated_at

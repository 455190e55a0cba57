"""French first, English too: the catalogues are complete and the switch works."""

from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse


def test_french_catalogue_is_complete():
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "fr/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    assert len(catalogue) > 100


def test_pages_are_french_by_default_and_english_on_request(client, db):
    assert "Rechercher" in client.get(reverse("public:home")).content.decode()
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("territories:commune_list")).content.decode()
    assert "117 communes" in page and "All regions" in page and 'lang="en"' in page

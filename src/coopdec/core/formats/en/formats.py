"""English: Django's own formats (``FORMAT_MODULE_PATH`` looks here first), dates British."""

from django.conf.locale.en.formats import *  # noqa: F403

# British English, as the site's English is (en_GB): "1 December 2026".
DATE_FORMAT = "j F Y"

"""French as the Imprimerie nationale writes it: Django's French formats, with a narrow
no-break space between thousands ("1 500 000")."""

from django.conf.locale.fr.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "\u202f"

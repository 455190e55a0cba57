"""English as the site writes it, British (en_GB): Django's British formats ("03/12/2026" in
tables, typed dates read day first), with dates in sentences spelt out ("1 December 2026")
and times on the 24-hour clock, as partners in Lomé and Paris read them."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

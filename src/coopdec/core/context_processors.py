from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    try:
        # A page's one address: filters, pages and tracking parameters left out.
        canonical = request.build_absolute_uri(request.path)
    except DisallowedHost:
        # The "bad request" page of a forged Host header must not fail on that header too.
        canonical = settings.COOPDEC_SITE_URL.rstrip("/") + request.path
    return {"federation_name": settings.COOPDEC_FEDERATION_NAME, "canonical_url": canonical}

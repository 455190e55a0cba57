from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "federation_name": settings.COOPDEC_FEDERATION_NAME,
        # A page's one address: filters, pages and tracking parameters left out.
        "canonical_url": request.build_absolute_uri(request.path),
    }

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"federation_name": settings.COOPDEC_FEDERATION_NAME}

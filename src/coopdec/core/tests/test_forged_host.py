"""A request with a forged ``Host`` header is a 400 — its error page must not fail on that
same header (it built the page's canonical address from it: a 500)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["coopdec.example.org"], DEBUG=False)
@pytest.mark.parametrize("path", ["/", "/communes/kloto-1/", "/connexion/", "/api/communes/"])
def test_a_forged_host_gets_a_400_not_a_500(path):
    client = Client(raise_request_exception=False)
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert client.get(path, HTTP_HOST="coopdec.example.org").status_code in (200, 302)

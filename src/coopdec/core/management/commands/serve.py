"""``coopdec serve``: the production web server (waitress). Its event loop reads each
request whole before a thread runs it, so idle or slow connections (a phone on a weak
network, a client that opens and waits) cost no thread: a hostile probe froze sync
gunicorn workers with three of them. It speaks plain HTTP: a TLS-terminating reverse proxy
goes in front (README, "Deploying")."""

from __future__ import annotations

import gc
import os

from django.core.management.base import BaseCommand
from waitress import serve

from coopdec.wsgi import application


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Command(BaseCommand):
    help = "Serve coopdec (waitress): COOPDEC_LISTEN, COOPDEC_THREADS, COOPDEC_CONNECTIONS."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--listen", default=os.environ.get("COOPDEC_LISTEN", "127.0.0.1:8000"))

    def handle(self, *args, **options) -> None:
        proxy = os.environ.get("COOPDEC_TRUSTED_PROXY")
        behind: dict = {}
        if proxy:  # the proxy in front says who the client is and that it came over https
            behind = {
                "trusted_proxy": proxy,
                "trusted_proxy_count": 1,
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
            }
        # What start-up built lives as long as the process: kept out of the collector's full
        # passes, which otherwise walk it every few hundred requests (a pause of 100-200 ms
        # measured at atlas10, the p95 of a fast page).
        gc.collect()
        gc.freeze()
        serve(
            application,
            listen=options["listen"],
            threads=_int("COOPDEC_THREADS", 8),
            # Open connections at once (idle ones included), and how long an idle one stays.
            connection_limit=_int("COOPDEC_CONNECTIONS", 1000),
            channel_timeout=_int("COOPDEC_IDLE_SECONDS", 60),
            # Bodies above this are refused before Django reads them (uploads are 20 MB).
            max_request_body_size=_int("COOPDEC_MAX_BODY_BYTES", 64 * 1024 * 1024),
            ident="coopdec",
            **behind,
        )

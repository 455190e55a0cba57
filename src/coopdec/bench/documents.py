"""The documents scenario: the monthly report and a commune profile at the benchmark's
scale. Each is timed in this process (what the worker and the page spend) and as its own
command in a separate process (wall time and peak memory); targets: report 30 s,
profile 2 s, both under 300 MB."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from coopdec.inventory import profile
from coopdec.reports import monthly
from coopdec.territories.models import Area

from .importing import command_peak

REPORT_S, PROFILE_S, PEAK_MB = 30, 2, 300


def _timed(action: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = action()
    return round(time.perf_counter() - start, 2), result


def run() -> dict:
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    busiest = Area.objects.communes().annotate(n=Count("partnerships")).order_by("-n", "pk").first()
    assert busiest is not None  # the data set has communes
    report_s, content = _timed(lambda: monthly.as_pdf(monthly.collect(month)))
    profile_s, sheet = _timed(lambda: profile.as_pdf(profile.profile(busiest)))
    report_command_s = report_mb = profile_command_s = profile_mb = None
    # Not as separate commands inside a transaction (as in the tests): another process
    # cannot see its data.
    if not connection.in_atomic_block:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder)
            report_command_s, report_mb = command_peak(
                ["monthly_report", "--month", f"{month:%Y-%m}", "--output", str(output / "r.pdf")]
            )
            profile_command_s, profile_mb = command_peak(
                ["commune_profile", busiest.slug, "--output", str(output / "p.pdf")]
            )
    return {
        "month": f"{month:%Y-%m}",
        "commune": busiest.slug,
        "commune_partnerships": busiest.n,
        "report_s": report_s,
        "report_bytes": len(content),
        "report_command_s": report_command_s and round(report_command_s, 2),
        "report_peak_mb": report_mb,
        "profile_s": profile_s,
        "profile_bytes": len(sheet),
        "profile_command_s": profile_command_s and round(profile_command_s, 2),
        "profile_peak_mb": profile_mb,
        "target_met": report_s <= REPORT_S
        and profile_s <= PROFILE_S
        and (report_mb or 0) < PEAK_MB
        and (profile_mb or 0) < PEAK_MB,
    }

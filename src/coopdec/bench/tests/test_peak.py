"""The peak memory the benchmark reports for a separate command is that command's own."""

from __future__ import annotations

import sys

import pytest

from coopdec.bench.importing import command_peak

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="VmHWM is read from Linux's /proc")


def test_a_command_started_by_a_large_process_reports_its_own_peak():
    # The benchmark holds hundreds of MB when it starts `coopdec import`; the child's
    # ru_maxrss would report those as the import's. 400 MB held here must not show.
    held = bytearray(400 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])
    seconds, peak_mb = command_peak(["--version"])
    assert seconds > 0
    assert peak_mb is not None and 10 < peak_mb < 200
    del held


def test_a_failing_command_is_reported_with_its_message():
    with pytest.raises(RuntimeError, match="coopdec nosuchcommand failed: .*Unknown command"):
        command_peak(["nosuchcommand"])

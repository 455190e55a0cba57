"""Run one ``coopdec`` command and write its own peak resident memory (kB) to a file.

``python -m coopdec.bench.peak REPORT ARGS...`` runs ``coopdec ARGS...``. The benchmark
cannot take a child's peak from ``ru_maxrss``: when a process replaces its program (exec),
Linux keeps the peak of the address space it leaves, and a child that ``subprocess`` starts
leaves its parent's (the benchmark's, holding the whole data set it generated). ``VmHWM`` in
``/proc/self/status`` is the high-water mark of this process's own address space only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coopdec.__main__ import main


def own_peak_kb() -> int | None:
    """This process's peak resident memory in kB, or None where /proc is not there."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


if __name__ == "__main__":
    report = Path(sys.argv.pop(1))
    try:
        main()
    finally:
        report.write_text(str(own_peak_kb() or ""), encoding="ascii")

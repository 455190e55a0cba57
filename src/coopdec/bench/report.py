"""The tables of ``BENCHMARKS.md``, written from the JSON reports ``coopdec bench`` writes
(``coopdec bench_report FILE…``), so that the figures there are the measured ones."""

from __future__ import annotations

from typing import Any

COUNTED = [
    ("local_governments", "local governments"),
    ("communes", "communes"),
    ("partnerships", "partnerships"),
    ("projects", "projects"),
    ("funding_lines", "funding lines"),
]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


def heading(report: dict[str, Any]) -> str:
    counts = ", ".join(
        f"{label} {report['counts'][key]:,}" for key, label in COUNTED if key in report["counts"]
    )
    rounds = f", {report['rounds']} rounds" if "rounds" in report else ""
    return (
        f"**{report['database']} {report['database_version']}** — measured "
        f"{report['measured_at']}, Python {report['python']}, Django {report['django']}, "
        f"{report['cpus']} CPUs{rounds}; counts: {counts}"
    )


def _met(result: dict[str, Any]) -> str:
    over = result["p95_ms"] - result["target_ms"]
    said = "yes" if result["target_met"] else f"**no** (+{over:.0f} ms)"
    if result.get("ratio_target") is not None:
        if result["ratio_met"]:
            said += "; ratio ≤ 3"
        else:
            said += f"; ratio **{result['ratio']} > {result['ratio_target']:g}**"
    return said


def pages(report: dict[str, Any]) -> str:
    lines = [
        heading(report),
        "",
        "| Page | p50 ms | p95 ms | raw SQL p50 ms | raw SQL p95 ms | page/raw (p50) | statements "
        "| largest page, gzip KB | target p95 | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in report["results"]:
        size = r.get("extra", {}).get("largest_page_gzip_kb", "")
        lines.append(
            f"| {r['label']} | {r['p50_ms']} | {r['p95_ms']} | {r['raw_p50_ms']} | "
            f"{r['raw_p95_ms']} | {r['ratio']} | {r['queries']} | {size} | "
            f"{r['target_ms']:g} | {_met(r)} |"
        )
    return "\n".join(lines)


def load(report: dict[str, Any]) -> str:
    figures = report["load"]
    lines = [
        heading(report),
        "",
        "| Servers | clients | seconds | requests | per second | p50 ms | p95 ms | p99 ms "
        "| errors | to the killed server |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {figures['servers']} | {figures['clients']} | {figures['seconds']} | "
        f"{_number(figures['requests'])} | {figures['requests_per_second']} | "
        f"{figures['p50_ms']} | {figures['p95_ms']} | {figures['p99_ms']} | "
        f"{figures['errors']} | {figures['killed_requests']} |",
    ]
    imported = figures.get("import_fault")
    if imported:
        lines += [
            "",
            f"Background import of {imported['rows']:,} rows, its worker killed while "
            f"{imported['killed_while']}: {imported['state']} after {imported['restarts']} "
            f"restart(s); {imported['partnerships_imported']:,} partnerships written "
            f"({imported['partnerships_before']:,} before, {imported['partnerships_after']:,} "
            f"after), {imported['duplicated_pairs']} pairs twice; written exactly once: "
            f"{'yes' if imported['written_once'] else '**no**'}; undone after "
            f"({imported['partnerships_after_undo']:,} partnerships).",
        ]
    return "\n".join(lines)


def markdown(report: dict[str, Any]) -> str:
    return load(report) if "load" in report else pages(report)

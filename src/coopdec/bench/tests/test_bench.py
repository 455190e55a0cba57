"""`coopdec bench` at the small scale: what it generates, what it reports, what it refuses.

Timings themselves are never asserted here (machines are noisy); BENCHMARKS.md holds them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from coopdec.bench.dataset import SCALES
from coopdec.conftest import add_partnership
from coopdec.imports.models import ImportRun
from coopdec.partnerships.models import Partnership
from coopdec.projects.models import FundingLine, Project
from coopdec.territories.models import Area

pytestmark = pytest.mark.django_db

PAGES = {
    "commune_list",
    "partnership_list",
    "search",
    "commune_page",
    "project_page",
    "dashboard",
    "dashboard_cold",
    "dashboard_after_change",
    "atlas_home_after_change",
    "atlas_commune",
    "atlas_partnership",
    "atlas_search",
    "atlas_api",
    "atlas_api_cursor",
    "atlas_home",
    "atlas_map",
    "volunteer_cohort",
    "volunteer_cohort_cold",
    "volunteer_missions",
}


def test_small_run_generates_reports_and_reuses_the_data_set(tmp_path, capsys):
    report = tmp_path / "bench.json"
    call_command("bench", "--scale", "small", "--rounds", "1", "--json", str(report))

    small = SCALES["small"]
    assert Partnership.objects.count() == small.partnerships
    assert Project.objects.count() == small.projects
    assert FundingLine.objects.count() == small.funding_lines
    local_governments = Area.objects.filter(level__is_local_government=True).count()
    assert local_governments == small.local_governments
    # Partnerships gather on some communes: the busiest has several times the average.
    per_commune = Area.objects.communes().annotate(n=Count("partnerships")).order_by("-n")
    average = small.partnerships / per_commune.count()
    assert per_commune[0].n > 3 * average
    # Converted amounts are stored as the application would store them.
    line = FundingLine.objects.filter(currency__code="XOF").first()
    assert line.planned_eur == (line.planned / line.units_per_euro).quantize(line.planned_eur)

    figures = json.loads(report.read_text())
    assert figures["scale"] == "small" and figures["counts"]["partnerships"] == small.partnerships
    results = {result["key"]: result for result in figures["results"]}
    assert set(results) == PAGES
    for result in results.values():
        assert result["requests"] >= 5
        assert 0 < result["p50_ms"] <= result["p95_ms"]
        assert result["raw_p50_ms"] > 0 and result["queries"] > 0
    assert results["commune_list"]["ratio_target"] == 3.0
    imported = figures["import"]
    assert imported["rows"] == small.import_rows and imported["read_s"] > 0
    assert imported["preview_s"] > 0 and imported["commit_s"] > 0 and imported["undo_s"] > 0
    # Every benchmark import is undone: the data set is as generated.
    assert Partnership.objects.count() == small.partnerships
    assert ImportRun.objects.filter(state="undone").count() == 1
    assert results["dashboard"]["target_ms"] == 300
    # Pages are weighed as they travel, compressed.
    assert 1 < results["atlas_map"]["extra"]["largest_page_gzip_kb"] < 300
    # Volunteers at that scale: one mission each, five waves each, some answered.
    assert figures["counts"]["volunteers"] == small.volunteers
    assert figures["counts"]["survey_invitations"] == 5 * small.volunteers
    assert 0 < figures["counts"]["survey_answers"] < figures["counts"]["survey_invitations"]
    assert results["volunteer_cohort"]["target_ms"] == 300
    # The monthly report and the busiest commune's profile, made at that scale.
    made = figures["documents"]
    assert made["commune"] == per_commune[0].slug
    assert made["report_s"] > 0 and made["report_bytes"] > 1000
    assert made["profile_s"] > 0 and made["profile_bytes"] > 1000
    printed = capsys.readouterr().out
    assert "Partnership list, by status and region" in printed and "p95 ms" in printed
    # BENCHMARKS.md's tables are written from the report: one row per page, its figures.
    call_command("bench_report", str(report))
    table = capsys.readouterr().out
    for result in results.values():
        assert f"| {result['label']} | {result['p50_ms']} | {result['p95_ms']} |" in table

    # A second run measures the same data set again; another scale is refused.
    first = list(Partnership.objects.order_by("pk").values_list("pk", "name")[:20])
    call_command("bench", "--scale", "small", "--rounds", "1")
    assert "Génération" not in capsys.readouterr().out
    assert list(Partnership.objects.order_by("pk").values_list("pk", "name")[:20]) == first
    assert Partnership.objects.count() == small.partnerships
    with pytest.raises(CommandError, match="autre échelle"):
        call_command("bench", "--scale", "atlas10", "--rounds", "1")


def test_a_file_that_is_no_report_is_refused_with_a_message(tmp_path):
    other = tmp_path / "other.json"
    other.write_text('{"scale": "small"}')
    with pytest.raises(CommandError, match="n’est pas un rapport"):
        call_command("bench_report", str(other))


def test_a_database_with_real_cooperation_data_is_left_alone(kloto1, bressuire):
    add_partnership(kloto1, [bressuire])
    areas = Area.objects.count()
    with pytest.raises(CommandError, match="base vide"):
        call_command("bench", "--scale", "small")
    assert Partnership.objects.count() == 1
    assert Area.objects.count() == areas
    assert not FundingLine.objects.exists()


def test_rounds_must_be_positive():
    with pytest.raises(CommandError, match="--rounds"):
        call_command("bench", "--rounds", "0")
    assert not Partnership.objects.exists()


def test_reference_data_loaded_before_the_import_is_reported(tmp_path):
    """``--reference FR --skip-pages``: France's areas loaded and counted, then the import
    (which resolves names among them too); no page measured."""
    import gzip

    from coopdec.territories.reference import COUNTRY_FILES

    report = tmp_path / "bench.json"
    call_command(
        "bench", "--scale", "small", "--skip-pages", "--reference", "FR", "--json", str(report)
    )
    figures = json.loads(report.read_text())
    with gzip.open(COUNTRY_FILES / "FR.csv.gz", "rt", encoding="utf-8") as handle:
        rows = sum(1 for _line in handle) - 1
    (france,) = figures["reference"]
    assert (france["country"], france["added"]) == ("FR", rows)
    assert figures["results"] == [] and figures["import"]["rows"] == SCALES["small"].import_rows


def test_load_with_faults_answers_every_request_but_the_killed_servers(tmp_path):
    """``bench --load --fault`` end to end, in its own installation (the servers and the
    worker are separate processes sharing its database and cache)."""
    report = tmp_path / "load.json"
    env = {
        **os.environ,
        "COOPDEC_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "coopdec.settings.embedded",
    }
    env.pop("CACHE_URL", None)
    subprocess.run(  # noqa: S603 — our own command line
        [str(Path(sys.executable).parent / "coopdec"), "bench", "--scale", "small", "--load"]
        + ["--clients", "6", "--seconds", "8", "--servers", "2", "--fault"]
        + ["--json", str(report)],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    load = json.loads(report.read_text())["load"]
    assert load["errors"] == 0 and load["server_killed"]
    assert load["answered"] > 0 and load["requests_per_second"] > 0
    assert 0 < load["p50_ms"] <= load["p95_ms"] <= load["p99_ms"]
    imported = load["import_fault"]
    assert imported["state"] == "committed" and imported["written_once"]
    assert imported["partnerships_imported"] == SCALES["small"].import_rows
    assert imported["duplicated_pairs"] == 0
    assert imported["partnerships_after_undo"] == SCALES["small"].partnerships
    table = subprocess.run(  # noqa: S603 — our own command line
        [str(Path(sys.executable).parent / "coopdec"), "bench_report", str(report)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert f"| {load['p50_ms']} | {load['p95_ms']} | {load['p99_ms']} | 0 |" in table
    assert "written exactly once: yes" in table

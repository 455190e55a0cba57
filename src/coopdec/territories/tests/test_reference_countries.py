"""France's official geographic code, loaded on demand, and any country's file with any
number of levels; a file that cannot be trusted loads nothing."""

from __future__ import annotations

import gzip

import pytest
from django.core.management import CommandError, call_command

from coopdec.core.reference import load_all
from coopdec.territories.models import Area, AreaAlias
from coopdec.territories.reference import COLUMNS, COUNTRY_FILES
from coopdec.territories.resolve import Resolver

pytestmark = pytest.mark.django_db


def rows_in_file(path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return sum(1 for _line in handle) - 1  # less the header


def test_france_loads_on_demand_resolves_as_people_write_and_loads_twice_alike():
    assert not Area.objects.filter(country__code="FR").exists()  # not by default
    report = load_all(countries=["FR"])
    france = Area.objects.filter(country__code="FR")
    assert france.count() == rows_in_file(COUNTRY_FILES / "FR.csv.gz")
    assert report["territories.Area:created"] == france.count()

    coulon = france.get(official_code="79100")
    assert (coulon.name, coulon.parent.name, coulon.parent.official_code) == (
        "Coulon",
        "Deux-Sèvres",
        "79",
    )
    assert coulon.parent.parent.name == "Nouvelle-Aquitaine"
    niortais = coulon.member_of.get()
    assert niortais.level.code == "intercommunalite" and niortais.name == "CA du Niortais"
    assert niortais.members.filter(name="Niort").exists()

    resolver = Resolver(Area.objects.foreign_local_governments())
    assert resolver.resolve("Coulon (79)").pk == coulon.pk
    assert resolver.resolve("COMMUNE DE COULON").pk == coulon.pk
    assert resolver.resolve("Communauté d'agglomération du Niortais").pk == niortais.pk
    # A former commune's name leads to the commune it joined.
    valserhone = france.get(official_code="01033")
    assert AreaAlias.objects.filter(area=valserhone, name="Bellegarde-sur-Valserine").exists()
    assert resolver.resolve("Bellegarde-sur-Valserine").pk == valserhone.pk

    again = load_all(countries=["FR"])
    assert again.changed() == 0 and france.count() == report["territories.Area:created"]


BENIN = (
    "level,slug,name,parent_level,parent_slug,official_code,population\n"
    "departement,zou,Zou,,,ZO,\n"
    "departement,atlantique,Atlantique,,,AT,\n"
    "commune,abomey,Abomey,departement,zou,,92266\n"
    "commune,bohicon,Bohicon,departement,zou,,171781\n"
    "commune,ouidah,Ouidah,departement,atlantique,,162034\n"
)


def test_any_countrys_file_with_its_own_levels_loads(tmp_path):
    path = tmp_path / "BJ.csv"
    path.write_text(BENIN, encoding="utf-8")
    call_command("load_reference", file=[path], verbosity=0)
    bohicon = Area.objects.get(country__code="BJ", slug="bohicon")
    assert (bohicon.parent.name, bohicon.level.code, bohicon.population) == (
        "Zou",
        "commune",
        171781,
    )
    # The file changed: the record follows, nothing else moves.
    path.write_text(BENIN.replace("171781", "180000"), encoding="utf-8")
    call_command("load_reference", file=[path], verbosity=0)
    assert Area.objects.get(pk=bohicon.pk).population == 180000
    assert Area.objects.filter(country__code="BJ").count() == 5


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("BJ.csv", BENIN.replace("commune,ouidah", "arrondissement,ouidah"), "line 6"),
        ("BJ.csv", BENIN.replace("departement,atlantique,At", "departement,atlantic,At"), "line 6"),
        ("XX.csv", BENIN, "XX"),
    ],
)
def test_a_file_that_cannot_be_trusted_loads_nothing(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    areas = Area.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("load_reference", file=[path], verbosity=0)
    assert Area.objects.count() == areas


def test_an_unknown_country_on_demand_is_refused():
    with pytest.raises(CommandError, match="ZZ"):
        call_command("load_reference", country=["ZZ"], verbosity=0)


def test_the_french_file_has_the_columns_the_loader_reads():
    with gzip.open(COUNTRY_FILES / "FR.csv.gz", "rt", encoding="utf-8") as handle:
        assert handle.readline().strip().split(",") == COLUMNS

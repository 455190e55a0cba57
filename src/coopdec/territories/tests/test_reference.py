from auditlog.models import LogEntry
from django.core.management import call_command

from coopdec.core.reference import load_all
from coopdec.taxonomy.models import SustainableDevelopmentGoal, Theme
from coopdec.territories.models import AdminLevel, Area, AreaAlias, Country, Currency


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Country,
            Currency,
            AdminLevel,
            Area,
            AreaAlias,
            Theme,
            SustainableDevelopmentGoal,
        )
    }


def test_togo_has_its_regions_prefectures_communes_and_cantons(db):
    togo = Area.objects.filter(country__code="TG")
    assert togo.filter(level__code="region").count() == 5
    assert togo.filter(level__code="prefecture").count() == 39
    assert togo.filter(level__code="commune").count() == 117
    assert togo.filter(level__code="canton").count() == 386
    assert set(togo.filter(level__code="region").values_list("name", flat=True)) == {
        "Savanes",
        "Kara",
        "Centrale",
        "Plateaux",
        "Maritime",
    }


def test_each_commune_sits_in_a_prefecture_in_a_region(db):
    for commune in Area.objects.communes().select_related("parent__level", "parent__parent__level"):
        assert commune.parent.level.code == "prefecture", commune
        assert commune.parent.parent.level.code == "region", commune
        assert commune.parent.parent.parent is None


def test_each_canton_is_filed_under_a_prefecture(db):
    cantons = Area.objects.filter(country__code="TG", level__code="canton")
    assert not cantons.exclude(parent__level__code="prefecture").exists()


def test_known_facts_of_the_territory(db):
    kloto1 = Area.objects.communes().get(slug="kloto-1")
    assert (kloto1.seat_town, kloto1.parent.name, kloto1.parent.parent.name) == (
        "Kpalimé",
        "Kloto",
        "Plateaux",
    )
    assert Area.objects.communes().filter(parent__name="Golfe").count() == 7
    assert Area.objects.communes().filter(parent__name="Doufelgou").count() == 3  # 2019 amendment
    assert not Area.objects.communes().filter(latitude__isnull=True).exists()


def test_currencies_and_the_fixed_parity(db):
    xof = Currency.objects.get(code="XOF")
    assert str(xof.units_per_euro) == "655.957000"
    assert xof.rate_is_fixed
    assert Currency.objects.get(code="EUR").units_per_euro == 1
    assert Currency.objects.filter(code__in=["USD", "GHS", "MAD"]).count() == 3


def test_countries_in_both_languages(db):
    benin = Country.objects.get(code="BJ")
    assert (benin.name_fr, benin.name_en, benin.code3) == ("Bénin", "Benin", "BEN")
    assert Country.objects.count() >= 249


def test_themes_and_goals(db):
    assert SustainableDevelopmentGoal.objects.count() == 17
    codes = set(Theme.objects.values_list("code", flat=True))
    assert {"water-sanitation", "local-revenue", "culture", "sport", "tourism", "youth"} <= codes
    assert Theme.objects.count() >= 18


def test_loading_the_reference_twice_changes_nothing(db):
    before = _counts()
    audit_before = LogEntry.objects.count()
    updated_at = dict(Area.objects.values_list("pk", "updated_at"))

    report = load_all()
    call_command("load_reference", verbosity=0)

    assert report.changed() == 0
    assert _counts() == before
    assert LogEntry.objects.count() == audit_before
    assert dict(Area.objects.values_list("pk", "updated_at")) == updated_at


def test_a_fixture_correction_is_applied_on_reload(db):
    kloto1 = Area.objects.communes().get(slug="kloto-1")
    kloto1.seat_town = "wrong"
    kloto1.save()
    report = load_all()
    kloto1.refresh_from_db()
    assert kloto1.seat_town == "Kpalimé"
    assert report["territories.Area:updated"] == 1

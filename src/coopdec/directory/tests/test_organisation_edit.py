from django.urls import reverse

from coopdec.directory.models import Organisation


def test_partner_edits_its_association(users, client_for, twinning_association, accept_proposals):
    response = client_for(users["partner"]).post(
        reverse("directory:organisation_edit", args=[twinning_association.slug]),
        {
            "name": twinning_association.name,
            "acronym": "CJBK",
            "kind": "twinning_association",
            "website": "",
            "description": "Depuis 1990.",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=twinning_association.pk).acronym == ""  # waits
    assert accept_proposals() == 1
    assert Organisation.objects.get(pk=twinning_association.pk).acronym == "CJBK"


def test_partner_cannot_edit_another_organisation(users, client_for, twinning_association, db):
    other = Organisation.objects.create(
        name="Autre comité",
        slug="autre-comite",
        kind="twinning_association",
        country=twinning_association.country,
    )
    client = client_for(users["partner"])
    url = reverse("directory:organisation_edit", args=[other.slug])
    assert client.get(url).status_code == 404
    client.post(url, {"name": "Pirated", "kind": "ngo"})
    assert Organisation.objects.get(pk=other.pk).name == "Autre comité"


def test_organisations_are_searchable_without_accents(client, twinning_association):
    response = client.get(reverse("directory:organisation_list"), {"q": "comite jumelage"})
    assert list(response.context["page"].object_list) == [twinning_association]

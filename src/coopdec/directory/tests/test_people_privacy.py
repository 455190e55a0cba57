"""People's data are seen only by roles that work with them, never by the public."""

from auditlog.models import LogEntry
from django.urls import reverse


def test_commune_page_shows_contacts_only_to_those_who_work_with_them(
    users, client_for, kloto_focal_person, wawa_mayor
):
    url = reverse("territories:commune_detail", args=["kloto-1"])
    for role in ("anonymous", "observer", "volunteer", "partner"):
        page = client_for(users[role]).get(url).content.decode()
        assert "Mensah" not in page, role
    for role in ("admin", "staff", "focal_point"):
        assert "Mensah" in client_for(users[role]).get(url).content.decode(), role


def test_focal_point_lists_only_the_people_of_its_communes(
    users, client_for, kloto_focal_person, wawa_mayor
):
    response = client_for(users["focal_point"]).get(reverse("directory:person_list"))
    assert list(response.context["page"].object_list) == [kloto_focal_person]
    page = client_for(users["focal_point"]).get(
        reverse("directory:person_detail", args=[kloto_focal_person.pk])
    )
    assert "afi.mensah@example.org" in page.content.decode()


def test_staff_sees_everyone(users, client_for, kloto_focal_person, wawa_mayor):
    response = client_for(users["staff"]).get(reverse("directory:person_list"))
    assert set(response.context["page"].object_list) == {kloto_focal_person, wawa_mayor}


def test_audit_trail_does_not_keep_contact_details_in_clear(
    users, client_for, kloto_focal_person, accept_proposals
):
    client_for(users["focal_point"]).post(
        reverse("directory:person_edit", args=[kloto_focal_person.pk]),
        {
            "first_name": "Afi",
            "last_name": "Mensah",
            "email": "afi.new@example.org",
            "phone": "+228 91 11 11 11",
        },
    )
    assert accept_proposals() == 1
    kloto_focal_person.refresh_from_db()
    assert kloto_focal_person.email == "afi.new@example.org"
    entry = LogEntry.objects.get_for_object(kloto_focal_person).get(action=LogEntry.Action.UPDATE)
    assert "email" in entry.changes_dict
    assert "afi.new@example.org" not in str(entry.changes_dict)

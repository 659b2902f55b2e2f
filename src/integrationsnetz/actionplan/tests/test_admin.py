"""The admin pages of the app open for the office, and a change there is audit-logged."""

import pytest

from integrationsnetz.accounts.models import AuditLogEntry


@pytest.fixture
def office_client(login, plan_data):
    office = plan_data.actors.office
    office.is_staff = True
    office.save()
    return login(office)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/actionplan/actionplan/add/",
        "/admin/actionplan/implementationstep/add/",
        "/admin/actionplan/approach/add/",
        "/admin/actionplan/implementationstep/",
    ],
)
def test_admin_pages_open_for_the_office(office_client, path):
    assert office_client.get(path).status_code == 200


def test_an_admin_change_is_audit_logged(office_client, plan_data):
    response = office_client.post(
        f"/admin/actionplan/measure/{plan_data.measure.pk}/change/",
        {
            "plan_field": plan_data.plan_field.pk,
            "position": 1,
            "title": "Sprachkurse für alle",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    entry = AuditLogEntry.objects.get(object_type="actionplan.measure")
    assert entry.changes["title"] == ["Sprachkurse", "Sprachkurse für alle"]

"""The audit log page and its selector: who sees which entries, filters, paging, fixed queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.accounts.selectors import AuditLogFilters, audit_log_list
from integrationsnetz.accounts.services import audit_log_record

AUDIT_URL = "/konto/protokoll/"


@pytest.fixture
def entries(actors):
    """One entry per area: Nordsachsen, a town in it, Mittelsachsen, and one without a region."""
    return {
        "nordsachsen": audit_log_record(
            actor=actors.owner,
            action=AuditLogEntry.Action.UPDATE,
            obj=actors.nordsachsen,
            changes={"name": ["Nordsachsen alt", "Nordsachsen"]},
            regions=[actors.nordsachsen],
        ),
        "eilenburg": audit_log_record(
            actor=actors.editor,
            action=AuditLogEntry.Action.UPDATE,
            obj=actors.organisation,
            changes={"phone": ["", "03423 1234"]},
            regions=[actors.eilenburg],
        ),
        "mittelsachsen": audit_log_record(
            actor=actors.outsider,
            action=AuditLogEntry.Action.CREATE,
            obj=actors.other_organisation,
            regions=[actors.mittelsachsen],
        ),
        "network": audit_log_record(
            actor=actors.office, action=AuditLogEntry.Action.UPDATE, obj=actors.state, regions=[]
        ),
    }


def visible(user) -> set[int]:
    return set(audit_log_list(user=user).values_list("pk", flat=True))


def test_office_sees_every_entry(actors, entries):
    assert visible(actors.office) == {entry.pk for entry in entries.values()}


def test_coordinator_sees_entries_of_their_region_and_below(actors, entries):
    assert visible(actors.owner) == {entries["nordsachsen"].pk, entries["eilenburg"].pk}
    assert visible(actors.outsider) == {entries["mittelsachsen"].pk}


def test_entry_in_two_regions_is_listed_once(actors):
    entry = audit_log_record(
        actor=None,
        action=AuditLogEntry.Action.UPDATE,
        obj=actors.organisation,
        regions=[actors.nordsachsen, actors.eilenburg],
    )
    assert list(audit_log_list(user=actors.owner).values_list("pk", flat=True)) == [entry.pk]


def test_editor_and_anonymous_see_nothing(actors, entries):
    from django.contrib.auth.models import AnonymousUser

    assert visible(actors.editor) == set()
    assert visible(AnonymousUser()) == set()


def test_page_for_office_shows_old_and_new_values(login, actors, entries):
    response = login(actors.office).get(AUDIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nordsachsen alt" in html and "03423 1234" in html and "Freiberger Helferkreis" in html
    assert "→" in html


def test_page_for_owner_shows_nordsachsen_but_not_mittelsachsen(login, actors, entries):
    html = login(actors.owner).get(AUDIT_URL).content.decode()
    assert "Nordsachsen alt" in html
    assert "03423 1234" in html
    assert "Freiberger Helferkreis" not in html


def test_page_refuses_editor_with_404(login, actors, entries):
    assert login(actors.editor).get(AUDIT_URL).status_code == 404


def test_page_sends_anonymous_to_login(client, entries):
    response = client.get(AUDIT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_page_refuses_writes(login, actors, entries):
    assert login(actors.office).post(AUDIT_URL).status_code == 405
    assert AuditLogEntry.objects.count() == 4


def test_filter_by_object_type_actor_and_dates(actors, entries):
    by_type = audit_log_list(
        user=actors.office, filters=AuditLogFilters(object_type="directory.organisation")
    )
    assert set(by_type) == {entries["eilenburg"], entries["mittelsachsen"]}
    by_actor = audit_log_list(user=actors.office, filters=AuditLogFilters(actor="Vereinsredaktion"))
    assert list(by_actor) == [entries["eilenburg"]]
    by_email = audit_log_list(user=actors.office, filters=AuditLogFilters(actor="OUTSIDER@"))
    assert list(by_email) == [entries["mittelsachsen"]]

    old = entries["network"]
    old.created_at = timezone.now() - datetime.timedelta(days=40)
    old.save()
    today = timezone.localdate()
    recent = audit_log_list(user=actors.office, filters=AuditLogFilters(date_from=today))
    assert old not in set(recent) and len(recent) == 3
    older = audit_log_list(
        user=actors.office, filters=AuditLogFilters(date_to=today - datetime.timedelta(days=30))
    )
    assert list(older) == [old]


def test_page_filters_by_query_string(login, actors, entries):
    client = login(actors.office)
    html = client.get(AUDIT_URL, {"object_type": "core.region"}).content.decode()
    assert "Nordsachsen alt" in html
    assert "03423 1234" not in html
    # The filter offers only types in the visible entries.
    assert '<option value="directory.organisation"' in html


def test_reversed_dates_show_an_error_on_the_field(login, actors, entries):
    response = login(actors.office).get(AUDIT_URL, {"date_from": "2025-05-02", "date_to": "2025-05-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_date_to_error"' in html
    assert 'aria-describedby="id_date_to_error"' in html


def test_bad_filter_input_is_not_a_server_error(login, actors, entries):
    client = login(actors.office)
    response = client.get(AUDIT_URL, {"date_from": "not a date", "object_type": "x" * 500, "page": "abc"})
    assert response.status_code == 200


def test_script_in_logged_values_is_escaped(login, actors):
    audit_log_record(
        actor=actors.office,
        action=AuditLogEntry.Action.UPDATE,
        obj=actors.organisation,
        changes={"description": ["", "<script>alert(1)</script>"]},
    )
    html = login(actors.office).get(AUDIT_URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def make_entries(actors, count):
    for number in range(count):
        audit_log_record(
            actor=actors.owner if number % 2 else actors.editor,
            action=AuditLogEntry.Action.UPDATE,
            obj=actors.organisation,
            changes={"name": [f"old {number}", f"new {number}"]},
            regions=[actors.eilenburg, actors.nordsachsen],
        )


@pytest.mark.parametrize("who", ["office", "owner"])
def test_page_query_count_does_not_grow_with_entries(login, actors, django_assert_max_num_queries, who):
    client = login(getattr(actors, who))
    make_entries(actors, 5)
    with django_assert_max_num_queries(8):
        assert client.get(AUDIT_URL).status_code == 200
    make_entries(actors, 60)
    with django_assert_max_num_queries(8):
        response = client.get(AUDIT_URL)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 50
    with django_assert_max_num_queries(8):
        second = client.get(AUDIT_URL, {"page": 2})
    assert len(second.context["rows"]) == 15
    assert 'rel="prev"' in second.content.decode()


def test_an_entry_names_each_region_once_and_skips_none(actors):
    """A change that moves an object names the region before and after, which may be the same one."""
    entry = audit_log_record(
        actor=None,
        action="update",
        obj=actors.nordsachsen,
        regions=[actors.nordsachsen, None, actors.nordsachsen, actors.state],
    )
    assert sorted(region.key for region in entry.regions.all()) == ["14", "14730"]

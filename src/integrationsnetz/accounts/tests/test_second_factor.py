"""TOTP second factor: required for office and coordinators, optional for others, throttled."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from integrationsnetz.accounts.models import AuditLogEntry
from integrationsnetz.accounts.tests.factories import PASSWORD
from integrationsnetz.accounts.tests.helpers import code_for, totp_device

SECOND_FACTOR_URL = "/konto/zweiter-faktor/"
SETUP_KEY = "accounts_totp_setup_key"


def password_login(client, email):
    return client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def is_verified(client) -> bool:
    return "otp_device_id" in client.session


@pytest.mark.parametrize("who", ["office", "owner"])
def test_office_and_coordinator_are_sent_to_the_second_factor(client, actors, who):
    response = password_login(client, getattr(actors, who).email)
    assert response.status_code == 302
    assert response["Location"].startswith(SECOND_FACTOR_URL)
    # Every other page, including account pages with personal data, sends them back there.
    for url in ("/", reverse("accounts:profile"), reverse("accounts:audit_log"), "/admin/"):
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith(SECOND_FACTOR_URL), url
    assert client.post(reverse("accounts:personal_data_export")).status_code == 302
    assert client.get(reverse("accounts:password_reset")).status_code == 200


def test_editor_without_totp_is_not_asked_for_a_code(client, actors):
    password_login(client, actors.editor.email)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_setup_shows_qr_code_and_secret_then_confirms_with_a_computed_code(client, actors):
    password_login(client, actors.office.email)
    page = client.get(SECOND_FACTOR_URL + "?next=/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html.split("<main", 1)[1].split("</main>")[0]
    key = client.session[SETUP_KEY]
    assert TOTPDevice.objects.filter(user=actors.office).count() == 0  # nothing stored before confirming
    match = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html)
    assert match
    secret = match.group(1)
    assert len(secret.replace(" ", "")) == 32

    response = client.post(SECOND_FACTOR_URL, {"token": code_for(key), "next": "/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:backup_codes"))
    assert is_verified(client)
    device = TOTPDevice.objects.get(user=actors.office)
    assert device.confirmed and device.key == key
    assert AuditLogEntry.objects.filter(object_type="accounts.user", object_id=str(actors.office.pk)).exists()

    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=actors.office).values_list("token", flat=True)
    )
    # Shown once only.
    assert client.get(reverse("accounts:backup_codes")).status_code == 302
    # After verifying, the office gets through.
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:audit_log")).status_code == 200


def test_setup_with_wrong_code_shows_error_tied_to_field(client, actors):
    password_login(client, actors.owner.email)
    client.get(SECOND_FACTOR_URL)
    key = client.session[SETUP_KEY]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    response = client.post(SECOND_FACTOR_URL, {"token": wrong})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="id_token_helptext id_token_error"' in html
    assert 'id="id_token_error"' in html
    assert 'aria-invalid="true"' in html
    assert not TOTPDevice.objects.filter(user=actors.owner).exists()
    assert not is_verified(client)


def test_login_with_existing_device_asks_for_code_and_accepts_it(client, actors):
    device = totp_device(actors.owner)
    response = password_login(client, actors.owner.email)
    assert response["Location"].startswith(SECOND_FACTOR_URL)
    page = client.get(response["Location"])
    assert "<svg" not in page.content.decode()  # the verify page, not the setup
    response = client.post(SECOND_FACTOR_URL, {"token": code_for(device.key), "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert is_verified(client)
    assert client.get("/").status_code == 200


def test_wrong_code_is_refused_with_error_on_the_field(client, actors):
    device = totp_device(actors.owner)
    password_login(client, actors.owner.email)
    wrong = f"{(int(code_for(device.key)) + 1) % 1_000_000:06d}"
    response = client.post(SECOND_FACTOR_URL, {"token": wrong})
    assert response.status_code == 200
    assert 'id="id_token_error"' in response.content.decode()
    assert not is_verified(client)
    assert client.get("/").status_code == 302


def test_wrong_codes_are_throttled_so_even_the_right_code_is_refused(client, actors, settings):
    # A long delay per failure instead of the default second, so that the test never races the clock.
    settings.OTP_TOTP_THROTTLE_FACTOR = 600
    settings.OTP_STATIC_THROTTLE_FACTOR = 600
    device = totp_device(actors.owner)
    password_login(client, actors.owner.email)
    wrong = f"{(int(code_for(device.key)) + 1) % 1_000_000:06d}"
    client.post(SECOND_FACTOR_URL, {"token": wrong})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1

    for _ in range(3):
        response = client.post(SECOND_FACTOR_URL, {"token": code_for(device.key)})
        assert response.status_code == 200
        assert 'id="id_token_error"' in response.content.decode()
        assert not is_verified(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # refused attempts are not even checked

    # Once the delay has passed, the right code is accepted again.
    device.throttling_failure_timestamp -= timedelta(hours=1)
    device.save()
    assert client.post(SECOND_FACTOR_URL, {"token": code_for(device.key)}).status_code == 302
    assert is_verified(client)


def test_a_code_cannot_be_used_twice(client, actors):
    device = totp_device(actors.owner)
    code = code_for(device.key)
    password_login(client, actors.owner.email)
    assert client.post(SECOND_FACTOR_URL, {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    password_login(client, actors.owner.email)
    response = client.post(SECOND_FACTOR_URL, {"token": code})
    assert response.status_code == 200
    assert not is_verified(client)


def test_backup_code_works_once(client, actors):
    totp_device(actors.owner)
    backup = StaticDevice.objects.create(user=actors.owner, name="backup", confirmed=True)
    backup.token_set.create(token="abcd2345")
    password_login(client, actors.owner.email)
    assert client.post(SECOND_FACTOR_URL, {"token": "ABCD 2345"}).status_code == 302
    assert is_verified(client)
    client.post(reverse("accounts:logout"))
    password_login(client, actors.owner.email)
    response = client.post(SECOND_FACTOR_URL, {"token": "abcd2345"})
    assert response.status_code == 200
    assert not is_verified(client)


def test_editor_may_turn_totp_on_and_is_then_asked_at_login(client, actors):
    password_login(client, actors.editor.email)
    assert client.get(SECOND_FACTOR_URL).status_code == 200
    key = client.session[SETUP_KEY]
    assert client.post(SECOND_FACTOR_URL, {"token": code_for(key)}).status_code == 302
    client.post(reverse("accounts:logout"))

    response = password_login(client, actors.editor.email)
    assert response["Location"].startswith(SECOND_FACTOR_URL)
    assert client.get(reverse("accounts:profile")).status_code == 302  # must give the code first
    assert client.post(SECOND_FACTOR_URL, {"token": code_for(key, drift=1)}).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_editor_may_turn_totp_off_with_password(login, actors):
    client = login(actors.editor)
    totp_device(actors.editor)
    url = reverse("accounts:second_factor_disable")
    assert client.post(url, {"password": "wrong"}).status_code == 200
    assert TOTPDevice.objects.filter(user=actors.editor).exists()
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    assert not TOTPDevice.objects.filter(user=actors.editor).exists()


def test_coordinator_may_not_turn_totp_off(login, actors):
    client = login(actors.owner)
    totp_device(actors.owner)
    response = client.post(reverse("accounts:second_factor_disable"), {"password": PASSWORD})
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=actors.owner).exists()


def test_backup_codes_can_be_renewed_and_shown_once(login, actors):
    client = login(actors.owner)
    totp_device(actors.owner)
    response = client.post(reverse("accounts:backup_codes_renew"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert len(re.findall(r"<li><code>", page.content.decode())) == 10


def test_backup_code_renewal_needs_a_verified_session_and_csrf(client, actors):
    from django.test import Client

    totp_device(actors.owner)
    client.force_login(actors.owner)
    assert client.post(reverse("accounts:backup_codes_renew")).status_code == 302  # to the second factor
    assert not StaticDevice.objects.filter(user=actors.owner).exists()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(actors.owner)
    assert csrf_client.post(SECOND_FACTOR_URL, {"token": "123456"}).status_code == 403


def test_anonymous_is_sent_to_login_from_the_second_factor_page(client, db):
    response = client.get(SECOND_FACTOR_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_second_factor_next_does_not_redirect_off_site(client, actors):
    device = totp_device(actors.owner)
    password_login(client, actors.owner.email)
    response = client.post(SECOND_FACTOR_URL, {"token": code_for(device.key), "next": "//evil.example.com/"})
    assert response["Location"] == reverse("accounts:profile")

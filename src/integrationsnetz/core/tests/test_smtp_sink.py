from typing import Any

from django.core import mail


def test_mail_travels_over_smtp_to_the_sink(smtp_server: Any) -> None:
    mail.send_mail("Einladung", "Hallo", "office@example.org", ["a@example.org", "b@example.org"])

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["Subject"] == "Einladung"
    assert smtp_server.envelopes[0][1] == ["a@example.org", "b@example.org"]
    assert len(mail.outbox) == 0  # the locmem backend was not used

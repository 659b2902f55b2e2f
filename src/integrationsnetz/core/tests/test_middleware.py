from typing import Any

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/guide/matters?lang=d%00e",
        "/api/v1/monitoring/series?indicator=a%00&region=14",
        "/zahlen/14%00/",
    ],
)
def test_nul_characters_are_refused_before_any_view(client: Any, db: Any, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_ordinary_requests_pass(client: Any, db: Any) -> None:
    assert client.get("/healthz").status_code == 200

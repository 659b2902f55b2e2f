from typing import Any

import pytest


@pytest.mark.parametrize(
    "path", ["/api/v1/guide/matters?lang=d%00e", "/api/v1/monitoring/series?indicator=a%00&region=14"]
)
def test_nul_characters_in_api_queries_are_422_like_any_invalid_parameter(
    client: Any, db: Any, path: str
) -> None:
    response = client.get(path)

    assert response.status_code == 422
    assert "NUL" in response.json()["detail"][0]["msg"]


def test_a_page_query_loses_its_nul_characters(client: Any, db: Any) -> None:
    response = client.get("/verzeichnis/?q=Bera%00tung")

    assert response.status_code == 200
    assert response.wsgi_request.GET["q"] == "Beratung"


def test_an_address_with_a_nul_character_is_refused(client: Any, db: Any) -> None:
    assert client.get("/zahlen/14%00/").status_code == 400

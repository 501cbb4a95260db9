"""POST /match/{dataset}: yente's and the OpenSanctions API's matching endpoint, on our engine.

The requests are shaped exactly as their documentation shows; each test names its source:
- yente's own OpenAPI description of the endpoint (the docstring of `match` in
  yente/routers/match.py: the `entity1`/`entity2` Person and Company examples);
- the OpenSanctions API quickstart, https://www.opensanctions.org/docs/api/quickstart/ (a Person by
  firstName, lastName and birthDate; `Authorization: ApiKey <key>`);
- "The request", https://www.opensanctions.org/docs/api/request/ (PERSON_QUERY with name parts
  and COMPANY_QUERY with `jurisdiction`; the params `include_dataset`, `algorithm`, `threshold`);
- "Using the matching API", https://www.opensanctions.org/docs/api/matching/ (a Person with
  `name`, `birthDate` and `nationality` as names);
- issue 19 (a Company with `name`, `country` and `registrationNumber`).
"""

from __future__ import annotations

from typing import Any

import httpx
from api_support import Api

from screening.matching.thresholds import DEFAULT_THRESHOLD

# The issue's example, with a real listing: UN KPe.002 / OFAC 12416.
RYONBONG = {
    "schema": "Company",
    "properties": {
        "name": ["Korea Ryonbong General Corporation"],
        "country": ["KP"],
        "registrationNumber": [],
    },
}
# yente's docstring: "entity2" (a company that is on no list).
YENTE_ENTITY2 = {
    "schema": "Company",
    "properties": {
        "name": ["Brilliant Amazing Limited"],
        "jurisdiction": ["hk"],
        "registrationNumber": ["84BA99810"],
    },
}
# yente's docstring: "entity1".
YENTE_ENTITY1 = {
    "schema": "Person",
    "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]},
}
# The quickstart's query, verbatim.
QUICKSTART_PERSON = {
    "schema": "Person",
    "properties": {"firstName": ["Aleksandr"], "lastName": ["Zacharov"], "birthDate": ["1965"]},
}
# "The request": PERSON_QUERY and COMPANY_QUERY, verbatim.
REQUEST_PERSON = {
    "schema": "Person",
    "properties": {
        "firstName": ["Arkadii"],
        "fatherName": ["Romanovich"],
        "lastName": ["Rotenberg", "Ротенберг"],
        "birthDate": ["1951"],
    },
}
REQUEST_COMPANY = {
    "schema": "Company",
    "properties": {"name": ["Stroygazmontazh"], "jurisdiction": ["Russia"]},
}
# "Using the matching API": the example entity.
MATCHING_GUIDE_PERSON = {
    "schema": "Person",
    "properties": {
        "name": ["Arkadiii Romanovich Rotenberg", "Ротенберг Аркадий"],
        "birthDate": ["1951"],
        "nationality": ["Russia"],
    },
}


def apikey(key: str) -> dict[str, str]:
    """The OpenSanctions API's header: `Authorization: ApiKey <key>`."""
    return {"Authorization": f"ApiKey {key}"}


def match(
    api: Api, key: str, queries: dict[str, Any], dataset: str = "default", **params: Any
) -> httpx.Response:
    response: httpx.Response = api.client.post(
        f"/match/{dataset}", headers=apikey(key), json={"queries": queries}, params=params
    )
    return response


def ids(answer: dict[str, Any]) -> list[str]:
    return [result["id"] for result in answer["results"]]


def test_the_issues_company_query_finds_the_listed_corporation(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q1": RYONBONG})
    assert response.status_code == 200, response.text
    answer = response.json()["responses"]["q1"]
    assert answer["status"] == 200
    assert "un-sc:KPe.002" in ids(answer)
    best = answer["results"][0]
    assert set(best) >= {
        "id",
        "caption",
        "schema",
        "properties",
        "datasets",
        "score",
        "match",
        "features",
    }
    assert best["schema"] in ("Company", "Organization")
    assert best["datasets"] == [best["id"].split(":", 1)[0]]
    assert 0.0 <= best["score"] <= 1.0
    assert best["match"] is True
    assert best["features"]["name_similarity"] > 0.9
    assert "Korea Ryonbong General Corporation".upper() in (
        name.upper() for name in best["properties"]["name"] + best["properties"].get("alias", [])
    )
    assert answer["total"] == {"value": len(answer["total"] and answer["results"]), "relation": "eq"}
    assert answer["query"] == {
        "id": None,
        "schema": "Company",
        "properties": {"name": ["Korea Ryonbong General Corporation"], "country": ["KP"]},
    }


def test_yentes_docstring_batch_answers_each_query_by_its_key(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"entity1": YENTE_ENTITY1, "entity2": YENTE_ENTITY2})
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body["responses"]) == ["entity1", "entity2"]
    for answer in body["responses"].values():
        assert answer["status"] == 200
        assert answer["results"] == []
        assert answer["total"] == {"value": 0, "relation": "eq"}
    assert body["limit"] == 5
    assert body["threshold"] == DEFAULT_THRESHOLD / 100
    assert "name_similarity" in body["matcher"]


def test_the_quickstart_person_by_name_parts_finds_zakharov(api: Api, analyst_key: str) -> None:
    # Without his patronymic and misspelt, he scores below the tuned threshold (0.83); at
    # yente's documented default, 0.7, he is a match.
    response = match(api, analyst_key, {"q": QUICKSTART_PERSON}, threshold=0.7)
    assert response.status_code == 200, response.text
    results = response.json()["responses"]["q"]["results"]
    assert "us-ofac-sdn:45937" in [r["id"] for r in results]
    zakharov = next(r for r in results if r["id"] == "us-ofac-sdn:45937")
    assert zakharov["schema"] == "Person"
    assert zakharov["caption"] == "ZAKHAROV, Aleksandr Vyacheslavovich"
    assert zakharov["match"] is True and zakharov["score"] >= 0.7
    assert zakharov["features"]["name_similarity"] < 0.83
    assert all(r["schema"] == "Person" for r in results)  # a Person query finds persons only


def test_the_request_guides_queries_with_its_params(api: Api, analyst_key: str) -> None:
    params = {"include_dataset": ["us-ofac-sdn", "us-ofac-cons"], "algorithm": "logic-v2"}
    response = match(
        api, analyst_key, {"person": REQUEST_PERSON, "company": REQUEST_COMPANY}, **params
    )
    assert response.status_code == 200, response.text
    body = response.json()
    person = body["responses"]["person"]
    assert "us-ofac-sdn:16669" in ids(person)  # ROTENBERG, Arkady Romanovich
    company = body["responses"]["company"]
    assert company["results"], company
    assert all(
        result["datasets"][0] in ("us-ofac-sdn", "us-ofac-cons")
        for answer in body["responses"].values()
        for result in answer["results"]
    )
    assert [item["list"] for item in body["lists"]] == ["us-ofac-sdn", "us-ofac-cons"]


def test_the_matching_guides_person_with_two_scripts(api: Api, analyst_key: str) -> None:
    response = match(api, analyst_key, {"q": MATCHING_GUIDE_PERSON})
    assert response.status_code == 200, response.text
    answer = response.json()["responses"]["q"]
    assert "us-ofac-sdn:16669" in ids(answer)
    assert answer["query"]["properties"]["nationality"] == ["Russia"]

"""Screen names as a yente or OpenSanctions API client does: the same request, another URL.

    python3 match_like_yente.py --url http://127.0.0.1:8000 --key "$ANALYST_KEY" \
        "Korea Ryonbong General Corporation" "Stroygazmontazh"

The request and the answer are yente's (POST /match/{dataset}, `Authorization: ApiKey <key>`);
a client written for api.opensanctions.org changes its base URL and key, nothing else. Standard
library only. Prints each query's results with their score and whether they are a match.
"""

from __future__ import annotations

import argparse
import json
import urllib.parse
import urllib.request
from typing import Any


def match(
    base_url: str,
    key: str,
    queries: dict[str, dict[str, Any]],
    dataset: str = "default",
    **params: Any,
) -> dict[str, Any]:
    """POST /match/{dataset} with the queries; `params` as yente's (threshold, limit,
    include_dataset, exclude_dataset...), lists repeated as a query string repeats them."""
    query_string = urllib.parse.urlencode(params, doseq=True)
    url = f"{base_url.rstrip('/')}/match/{urllib.parse.quote(dataset)}"
    request = urllib.request.Request(
        f"{url}?{query_string}" if query_string else url,
        data=json.dumps({"queries": queries}).encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"ApiKey {key}"},
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        answer: dict[str, Any] = json.load(response)
        return answer


def company(name: str, country: str = "") -> dict[str, Any]:
    """A query for a company, as the OpenSanctions documentation writes one."""
    properties: dict[str, list[str]] = {"name": [name]}
    if country:
        properties["jurisdiction"] = [country]
    return {"schema": "Company", "properties": properties}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", help="company names to screen")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--key", required=True, help="an analyst key")
    parser.add_argument("--dataset", default="default", help="default, or a list id")
    args = parser.parse_args()
    queries = {f"q{number}": company(name) for number, name in enumerate(args.names, start=1)}
    answer = match(args.url, args.key, queries, args.dataset)
    for key, response in answer["responses"].items():
        print(f"{key}: {queries[key]['properties']['name'][0]} ({response['total']['value']})")
        for result in response["results"]:
            verdict = "match" if result["match"] else "     "
            print(f"  {result['score']:.2f} {verdict} {result['id']:<24} {result['caption']}")
    print(f"stored as screening {answer['screening_id']}")


if __name__ == "__main__":
    main()

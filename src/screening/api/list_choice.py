"""Which lists a request screens against: every list the deployment serves, or those it names.

A deployment chooses its lists (SCREENING_LISTS; the service serves only those); a request may
narrow them (`lists` on POST /v1/screen and /v1/uploads, the dataset and include_dataset /
exclude_dataset of /match). A list id the request may not use is refused with 422, naming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from screening.api.error_codes import ApiErrorCode
from screening.api.errors import ApiError
from screening.screener import Screener
from screening.service import ScreeningService
from screening.watchlist.registry import LIST_IDS


def served_lists(screener: Screener) -> tuple[str, ...]:
    """The lists the deployment screens against and has loaded, in serving order."""
    return tuple(snapshot.list_id for snapshot in screener.snapshots)


def _problem(service: ScreeningService, list_id: str) -> tuple[str, str]:
    """(type, message) of a list id a request may not choose."""
    if list_id not in LIST_IDS:
        return "unknown_list", f"unknown list {list_id!r}"
    if not service.is_enabled(list_id):
        return "list_not_screened", f"list {list_id!r} is not screened by this deployment"
    return "list_not_loaded", f"list {list_id!r} has no version loaded yet"


def check_list_ids(
    service: ScreeningService,
    list_ids: Sequence[str],
    field: str,
    served: Sequence[str] | None,
) -> None:
    """422 naming every id in `list_ids` that is not a list this deployment serves: one of
    `served`, or (while the lists are still loading, `served` None) one it screens against."""
    details: list[dict[str, Any]] = []
    for position, list_id in enumerate(list_ids):
        if list_id in (served or ()) or (
            served is None and list_id in LIST_IDS and service.is_enabled(list_id)
        ):
            continue
        kind, message = _problem(service, list_id)
        details.append({"field": f"{field}[{position}]", "message": message, "type": kind})
    if not details:
        return
    named = "; ".join(item["message"] for item in details)
    available = ", ".join(served) if served is not None else "see GET /v1/lists"
    raise ApiError(
        422,
        ApiErrorCode.UNKNOWN_LIST,
        f"{field}: {named}; lists screened here: {available}",
        details,
    )


def chosen_screener(
    service: ScreeningService, screener: Screener, lists: Sequence[str] | None, field: str = "lists"
) -> Screener:
    """`screener` narrowed to the request's `lists` (None: every list served), once checked."""
    if lists is None:
        return screener
    check_list_ids(service, lists, field, served_lists(screener))
    return screener.narrowed(lists)


DEFAULT_DATASET = "default"  # yente's name for everything it serves


def dataset_screener(
    service: ScreeningService,
    screener: Screener,
    dataset: str,
    include: Sequence[str],
    exclude: Sequence[str],
) -> Screener:
    """`screener` narrowed as /match/{dataset}?include_dataset=..&exclude_dataset=.. asks, as
    yente does: the dataset (`default`: every list served, else one list), only the included
    lists of it when some are named, less the excluded ones. 404 for a dataset not served;
    422 for another list id not served, or when no list is left."""
    served = served_lists(screener)
    if dataset != DEFAULT_DATASET and dataset not in served:
        _kind, message = _problem(service, dataset)
        raise ApiError(
            404,
            ApiErrorCode.NOT_FOUND,
            f"dataset: {message}; datasets here: {DEFAULT_DATASET}, {', '.join(served)}",
            {"dataset": dataset},
        )
    check_list_ids(service, include, "include_dataset", served)
    check_list_ids(service, exclude, "exclude_dataset", served)
    scope = served if dataset == DEFAULT_DATASET else (dataset,)
    chosen = [
        list_id
        for list_id in scope
        if (not include or list_id in include) and list_id not in exclude
    ]
    if not chosen:
        raise ApiError(
            422,
            ApiErrorCode.NO_LIST_LEFT,
            f"dataset {dataset!r} with include_dataset and exclude_dataset leaves no list "
            "to screen",
            {
                "dataset": dataset,
                "include_dataset": list(include),
                "exclude_dataset": list(exclude),
            },
        )
    return screener.narrowed(chosen)

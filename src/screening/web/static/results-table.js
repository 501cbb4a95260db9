// The table of screened suppliers, shared by job results and the quick check.

import { el, clear, levelBadge, formatScore } from "./elements.js";
import { t } from "./strings.js";

export const LEVELS = Object.freeze(["critical", "high", "medium", "low", "clear"]);

const PAGE = 100;

// Keep the suppliers that pass the level filter and the search text.
export function filterResults(results, { level, search }) {
  const needle = (search ?? "").trim().toLocaleLowerCase();
  return results.filter((result) => {
    if (level && levelInForce(result) !== level) return false;
    if (!needle) return true;
    const haystack = [
      result.name,
      result.ref,
      ...(result.matches ?? []).flatMap((m) => [m.entry_name, m.matched_name, m.source_id]),
    ];
    return haystack.some((text) => String(text ?? "").toLocaleLowerCase().includes(needle));
  });
}

export function sortResults(results, direction) {
  const sign = direction === "asc" ? 1 : -1;
  return [...results].sort(
    (a, b) => sign * ((a.risk_score ?? 0) - (b.risk_score ?? 0)) || compareText(a.name, b.name),
  );
}

// The level once reviewers' decisions apply: what the table shows and filters by.
export function levelInForce(result) {
  return result.level_in_force || result.risk_level;
}

function compareText(a, b) {
  return String(a ?? "").localeCompare(String(b ?? ""));
}

// rows: already filtered and sorted; total: how many there were before filtering.
export function renderResultsTable(
  container,
  rows,
  { total, sort, onSort, onOpen, caption, limit = PAGE },
) {
  clear(container);
  if (rows.length === 0) {
    container.append(el("p", { class: "empty" }, t("results.empty")));
    return;
  }
  const shown = rows.slice(0, limit);
  // Job rows say where they are (references from different sheets may repeat); the quick check's
  // results have no sheet or row.
  const rowNumbers = rows.some((result) => result.row !== undefined && result.row !== null);
  const sheets = rowNumbers && rows.some((result) => result.sheet);
  const sortLabel = sort === "asc" ? t("results.sortedAsc") : t("results.sortedDesc");
  const scoreHeader = onSort
    ? el(
        "th",
        { scope: "col", class: "num", "aria-sort": sort === "asc" ? "ascending" : "descending" },
        el(
          "button",
          {
            type: "button",
            class: "sort",
            "aria-label": `${t("results.sortScore")}, ${sortLabel}`,
            onclick: () => onSort(sort === "asc" ? "desc" : "asc"),
          },
          t("results.col.score"),
          el("span", { class: "sort-arrow", "aria-hidden": "true" }, sort === "asc" ? "▲" : "▼"),
        ),
      )
    : el("th", { scope: "col", class: "num" }, t("results.col.score"));

  const table = el(
    "table",
    { class: "data results" },
    el(
      "caption",
      {},
      caption ??
        t("results.caption", { shown: shown.length, matching: rows.length, total: total ?? rows.length }),
    ),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        sheets ? el("th", { scope: "col" }, t("results.col.sheet")) : null,
        rowNumbers ? el("th", { scope: "col", class: "num" }, t("results.col.row")) : null,
        el("th", { scope: "col" }, t("results.col.ref")),
        el("th", { scope: "col" }, t("results.col.name")),
        el("th", { scope: "col" }, t("results.col.level")),
        scoreHeader,
        el("th", { scope: "col" }, t("results.col.topMatch")),
        el("th", { scope: "col", class: "num" }, t("results.col.matches")),
        el("th", { scope: "col" }, t("results.col.actions")),
      ),
    ),
    el("tbody", {}, shown.map((result) => resultRow(result, onOpen, { sheets, rowNumbers }))),
  );
  container.append(el("div", { class: "table-scroll" }, table));

  if (rows.length > shown.length) {
    container.append(
      el(
        "button",
        {
          type: "button",
          class: "secondary more",
          onclick: () =>
            renderResultsTable(container, rows, {
              total,
              sort,
              onSort,
              onOpen,
              caption,
              limit: limit + PAGE,
            }),
        },
        t("results.more", { remaining: rows.length - shown.length }),
      ),
    );
  }
}

function resultRow(result, onOpen, { sheets, rowNumbers }) {
  const matches = result.matches ?? [];
  const best = matches.reduce((top, m) => (top && top.score >= m.score ? top : m), null);
  const level = levelInForce(result);
  const status = result.decision_status ?? "none";
  return el(
    "tr",
    { dataset: { level, decision: status } },
    sheets ? el("td", { class: "sheet" }, result.sheet ?? "") : null,
    rowNumbers ? el("td", { class: "num row-number" }, String(result.row ?? "")) : null,
    el("td", { class: "ref" }, result.ref ?? ""),
    el("th", { scope: "row", class: "name" }, result.name ?? ""),
    el("td", {}, levelBadge(level), decisionMark(result, status)),
    el("td", { class: "num score" }, formatScore(result.risk_score)),
    el(
      "td",
      { class: "top-match" },
      // A clear row shows nothing here: an empty cell reads as "no match" at a glance.
      best ? [best.entry_name, el("span", { class: "list-id" }, ` ${best.list}`)] : "",
    ),
    el("td", { class: "num" }, String(matches.length)),
    el(
      "td",
      {},
      el(
        "button",
        {
          type: "button",
          class: "secondary open",
          "aria-label": t("results.openLabel", { name: result.name ?? "" }),
          onclick: () => onOpen(result),
        },
        t("results.open"),
      ),
    ),
  );
}

// A decided row's mark beside its level: "Cleared: Critical as screened".
function decisionMark(result, status) {
  if (status === "none") return null;
  const mark = t(`decision.mark.${status}`);
  return el(
    "span",
    {
      class: `badge decided decided-${status}`,
      title: t("results.decided", { mark, level: t(`level.${result.risk_level}`) }),
    },
    mark,
  );
}

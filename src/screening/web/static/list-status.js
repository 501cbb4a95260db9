// The lists strip under the header: each list's publication date, and a warning for a list that is
// stale (not checked against its publisher within its maximum age) or failing (its last update
// failed; the last good version still serves). Filled from GET /v1/lists.

import { clear, el, show } from "./elements.js";
import { t } from "./strings.js";

export function showListStatus(body) {
  const strip = document.getElementById("list-status");
  const items = clear(strip.querySelector("ul"));
  const warnings = [];
  const unavailable = [];
  for (const list of [...(body?.lists ?? []), ...(body?.missing ?? [])]) {
    const date = list.published
      ? t("lists.published", { list: list.list, date: list.published })
      : t(list.version ? "lists.notDated" : "lists.none", { list: list.list });
    const item = el("li", { class: `list-${list.status}` }, date);
    if (list.status !== "current") {
      item.append(" ", el("strong", {}, t(`lists.${list.status}`)));
      item.title = list.status_detail;
      // Lists a source does not hold say the same thing each: one sentence names them all
      // (each one's detail stays on its item).
      if (list.status === "unavailable") unavailable.push(list.list);
      else warnings.push(t("lists.warning", { list: list.list, detail: list.status_detail }));
    }
    items.append(item);
  }
  if (unavailable.length > 0) {
    warnings.push(t("lists.notScreened", { lists: unavailable.join(", ") }));
  }
  const warning = strip.querySelector("p");
  warning.textContent = warnings.join(" ");
  show(warning, warnings.length > 0);
  strip.classList.toggle("warn", warnings.length > 0);
  show(strip, items.children.length > 0);
}

// The quick-check view: screen one supplier typed into a form, for ad-hoc questions.

import { api } from "./api.js";
import { formatDateTime, show } from "./elements.js";
import { renderResultsTable } from "./results-table.js";
import { t } from "./strings.js";

const $ = (id) => document.getElementById(id);
const FIELDS = ["name", "ref", "country", "sector", "registration_id", "address"];

export function initQuickCheck({ onOpen, onError }) {
  const form = $("quick-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const supplier = Object.fromEntries(
      FIELDS.map((field) => [field, String(new FormData(form).get(field) ?? "").trim()]),
    );
    supplier.country = supplier.country.toUpperCase();
    const nameInput = $("quick-name");
    if (!supplier.name) {
      nameInput.setAttribute("aria-invalid", "true");
      $("quick-status").textContent = t("quick.nameRequired");
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute("aria-invalid");
    const button = $("quick-submit");
    button.disabled = true;
    $("quick-status").textContent = t("quick.checking");
    try {
      const response = await api.screen(supplier);
      render(response, supplier, onOpen);
      const result = response.results?.[0];
      $("quick-status").textContent = result
        ? t("quick.done", {
            name: result.name ?? supplier.name,
            level: t(`level.${result.risk_level}`),
            count: (result.matches ?? []).length,
          })
        : "";
      $("quick-result").scrollIntoView({ block: "nearest" });
    } catch (error) {
      $("quick-status").textContent = "";
      onError(error);
    } finally {
      button.disabled = false;
    }
  });
}

function render(response, supplier, onOpen) {
  // The response echoes ref and name; the detail view also wants what the analyst typed.
  const results = (response.results ?? []).map((result) => ({ ...supplier, ...result }));
  const versions = Object.fromEntries((response.lists ?? []).map((l) => [l.list, l.version]));
  $("quick-lists").textContent = t("quick.listsUsed", {
    at: formatDateTime(response.screened_at),
    lists: (response.lists ?? []).map((l) => `${l.list} ${l.version}`).join(", "),
  });
  renderResultsTable($("quick-table"), results, {
    total: results.length,
    caption: t("quick.caption"),
    onOpen: (result) =>
      onOpen(result, { screeningId: response.screening_id, lists: response.lists ?? [], versions }),
  });
  show($("quick-result"), true);
}

// The own-lists view: the tenant's own blocklists, screened beside the official lists for it
// only. Everyone reads them; an admin uploads a list, replaces it with a new file, deletes it.

import { api } from "./api.js";
import { clear, el, formatDateTime, show } from "./elements.js";
import { t } from "./strings.js";

const $ = (id) => document.getElementById(id);

let canManage = false;

export function initOwnLists({ onError }) {
  $("own-list-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const title = $("own-list-name").value.trim();
    const file = $("own-list-file").files?.[0];
    if (!title || !file) {
      $("own-lists-status").textContent = t("ownLists.required");
      (title ? $("own-list-file") : $("own-list-name")).focus();
      return;
    }
    clear($("own-list-errors"));
    $("own-list-submit").disabled = true;
    $("own-lists-status").textContent = t("ownLists.uploading");
    try {
      const body = await api.importTenantList(title, file);
      $("own-list-form").reset();
      await loadOwnLists({ onError });
      $("own-lists-status").textContent = t("ownLists.imported", {
        list: body.list,
        version: body.version,
        entries: body.entries,
      });
    } catch (error) {
      $("own-lists-status").textContent = "";
      if (!showFileProblems(error)) onError(error);
    } finally {
      $("own-list-submit").disabled = false;
    }
  });
}

// A refused file: every problem where it is (sheet, row, column), under the form.
function showFileProblems(error) {
  const problems = error.details?.errors;
  if (error.status !== 422 || !Array.isArray(problems)) return false;
  $("own-lists-status").textContent = error.message;
  $("own-list-errors").append(
    ...problems.map((p) =>
      el(
        "li",
        {},
        t("ownLists.problem", {
          sheet: p.sheet ?? "",
          row: p.row ?? "-",
          column: p.column ?? "-",
          message: p.message,
        }),
      ),
    ),
  );
  return true;
}

export async function loadOwnLists({ onError }) {
  try {
    canManage = await api.canManageTenantLists();
    show($("own-list-form"), canManage);
    const body = await api.tenantLists();
    render(body.lists ?? [], onError);
  } catch (error) {
    onError(error);
  }
}

function render(lists, onError) {
  const container = clear($("own-lists-table"));
  if (lists.length === 0) {
    container.append(el("p", { class: "empty" }, t("ownLists.empty")));
    return;
  }
  const replace = (list) => {
    $("own-list-name").value = list.title;
    $("own-list-file").focus();
    $("own-lists-status").textContent = t("ownLists.replacing", { title: list.title });
  };
  const remove = async (list) => {
    try {
      await api.deleteTenantList(list.list);
      await loadOwnLists({ onError });
      $("own-lists-status").textContent = t("ownLists.deleted", { title: list.title });
    } catch (error) {
      onError(error);
    }
  };
  container.append(
    el(
      "table",
      { class: "data own-lists" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, t("ownLists.col.title")),
          el("th", { scope: "col" }, t("ownLists.col.list")),
          el("th", { scope: "col" }, t("ownLists.col.version")),
          el("th", { scope: "col", class: "num" }, t("ownLists.col.entries")),
          el("th", { scope: "col" }, t("ownLists.col.imported")),
          canManage ? el("th", { scope: "col" }, t("ownLists.col.actions")) : null,
        ),
      ),
      el(
        "tbody",
        {},
        lists.map((list) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, list.title),
            el("td", { class: "ref" }, list.list),
            el("td", {}, list.version),
            el("td", { class: "num" }, list.entries),
            el("td", {}, t("ownLists.importedFrom", {
              at: formatDateTime(list.imported_at),
              file: list.file,
            })),
            canManage
              ? el(
                  "td",
                  {},
                  el(
                    "button",
                    {
                      type: "button",
                      class: "secondary",
                      "aria-label": t("ownLists.replaceLabel", { title: list.title }),
                      onclick: () => replace(list),
                    },
                    t("ownLists.replace"),
                  ),
                  " ",
                  el(
                    "button",
                    {
                      type: "button",
                      class: "secondary",
                      "aria-label": t("ownLists.deleteLabel", { title: list.title }),
                      onclick: () => remove(list),
                    },
                    t("ownLists.delete"),
                  ),
                )
              : null,
          ),
        ),
      ),
    ),
  );
}

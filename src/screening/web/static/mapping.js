// The column-mapping editor: which column of the analyst's sheet holds each supplier field.
// A mapping is what POST /v1/uploads reads: {field: heading or column letter} for every sheet,
// or {"sheets": {sheet name: {field: ...}}} when the sheets are laid out differently. The API
// reads a mapping as a correction of what it detects, so a field set to "(not used)" is sent as
// null: left out, it would be detected again.

import { el, clear } from "./elements.js";
import { t } from "./strings.js";

export const FIELDS = Object.freeze([
  "name",
  "ref",
  "country",
  "sector",
  "registration_id",
  "address",
  "date_of_birth",
  "nationality",
]);

// sheets: [{sheet, columns: [heading, ...], mapping: {field: label}}] as the API read them;
// mapping: the mapping in force (short or long form).
export function renderMappingEditor(container, { sheets, mapping, idPrefix }) {
  clear(container);
  const perSheet = Boolean(mapping?.sheets) && sheets.length > 1;
  if (perSheet) {
    sheets.forEach((sheet, n) =>
      container.append(
        sheetTable(sheet.columns, mapping.sheets[sheet.sheet] ?? sheet.mapping ?? {}, {
          idPrefix: `${idPrefix}-${n}`,
          sheet: sheet.sheet,
        }),
      ),
    );
  } else {
    container.append(sheetTable(sheets[0]?.columns ?? [], mapping ?? {}, { idPrefix }));
  }
}

function sheetTable(columns, mapping, { idPrefix, sheet }) {
  const options = columnOptions(columns);
  const fields = FIELDS.map((field) => {
    const id = `${idPrefix}-${field}`;
    const value = mapping[field] ?? "";
    const known = options.some((option) => option.value === value);
    const control = el(
      "select",
      { id, name: field, dataset: sheet === undefined ? { field } : { field, sheet } },
      el("option", { value: "" }, t("mapping.unused")),
      // A column the API named that is not among the headings (a letter, say) stays choosable.
      value && !known ? el("option", { value, selected: true }, value) : null,
      options.map((option) =>
        el("option", { value: option.value, selected: option.value === value }, option.label),
      ),
    );
    return el("div", { class: "field" }, el("label", { for: id }, t(`mapping.${field}`)), control);
  });
  return el(
    "div",
    { class: "mapping-sheet" },
    sheet === undefined ? null : el("h3", {}, t("mapping.sheetCaption", { sheet })),
    el("div", { class: "mapping-grid" }, fields),
  );
}

// A column is named by its heading, or by its letter when the heading cell is blank.
function columnOptions(columns) {
  return columns.map((heading, index) => {
    const text = String(heading ?? "").trim();
    const letter = columnLetter(index);
    return text
      ? { value: text, label: text }
      : { value: letter, label: t("mapping.columnLetter", { letter }) };
  });
}

function columnLetter(index) {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function readMapping(container) {
  const controls = [...container.querySelectorAll("[data-field]")];
  if (controls.some((control) => control.dataset.sheet !== undefined)) {
    const sheets = {};
    for (const control of controls) {
      const own = (sheets[control.dataset.sheet] ??= {});
      own[control.dataset.field] = control.value || null;
    }
    return { sheets };
  }
  const mapping = {};
  for (const control of controls) {
    mapping[control.dataset.field] = control.value || null;
  }
  return mapping;
}

export function hasNameColumn(mapping) {
  if (mapping.sheets) return Object.values(mapping.sheets).every((sheet) => Boolean(sheet.name));
  return Boolean(mapping.name);
}

// The upload view: pick or drop a sheet, check the detected column mapping, start the job.

import { api } from "./api.js";
import { el, clear, show, formatSize } from "./elements.js";
import { FIELDS, renderMappingEditor, readMapping, hasNameColumn } from "./mapping.js";
import { t } from "./strings.js";

const $ = (id) => document.getElementById(id);

let chosen = null; // the File the analyst picked
let previewAvailable = true; // until the API says the preview route does not exist
let preview = null; // the API's preview of the chosen file, when it has one
let previewRun = 0; // bumps per preview request, so a slow answer never overwrites a newer one
let mappingChanged = false; // only a mapping the analyst changed is sent; else the API detects

// onStarted(jobId, file, mapping, sheet): a job was accepted; onError(error) reports a failure.
export function initUpload({ onStarted, onError }) {
  const zone = $("drop-zone");
  const input = $("file-input");

  input.addEventListener("change", () => {
    if (input.files?.length) choose(input.files[0], onError);
  });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, () => zone.classList.remove("dragging"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files?.[0];
    if (file) choose(file, onError);
  });

  $("sheet-select").addEventListener("change", () => {
    if (chosen) loadPreview({ onError, rebuildEditor: true });
  });
  // A changed mapping is previewed again, so the analyst sees the rows it would read.
  $("mapping-editor").addEventListener("change", () => {
    mappingChanged = true;
    if (chosen && preview) loadPreview({ onError, rebuildEditor: false });
  });
  $("upload-clear").addEventListener("click", () => reset());
  $("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    await start(onStarted, onError);
  });
}

export function reset() {
  chosen = null;
  preview = null;
  previewRun += 1;
  $("upload-form").reset();
  $("file-chosen").textContent = t("upload.none");
  $("preview-status").textContent = "";
  clear($("sheet-select"));
  clear($("preview-rows"));
  clear($("name-choice"));
  show($("sheet-choice"), false);
  show($("mapping-fieldset"), false);
  show($("preview-section"), false);
  show($("upload-clear"), false);
  $("upload-start").disabled = true;
}

async function choose(file, onError) {
  chosen = file;
  preview = null;
  $("file-chosen").textContent = t("upload.chosen", { name: file.name, size: formatSize(file.size) });
  clear($("sheet-select"));
  show($("upload-clear"), true);
  show($("sheet-choice"), false);
  $("upload-start").disabled = false;
  await loadPreview({ onError, rebuildEditor: true });
}

function chosenSheet() {
  return $("sheet-choice").hidden ? "" : $("sheet-select").value;
}

// Ask the API which sheets, headings and mapping it finds, without running the screening.
async function loadPreview({ onError, rebuildEditor }) {
  if (!previewAvailable) {
    showMappingLater();
    return;
  }
  const file = chosen;
  const sheet = chosenSheet();
  const mapping = !rebuildEditor && preview ? readMapping($("mapping-editor")) : null;
  if (mapping && !hasNameColumn(mapping)) {
    $("preview-status").textContent = t("mapping.nameRequired");
    return;
  }
  const mine = ++previewRun;
  $("preview-status").textContent = t("upload.previewing");
  let answer;
  try {
    answer = await api.preview(file, { sheet, mapping });
  } catch (error) {
    if (mine !== previewRun) return;
    $("preview-status").textContent = "";
    if (error.status === 404 || error.status === 405) {
      previewAvailable = false;
      showMappingLater();
    } else {
      show($("mapping-fieldset"), false);
      show($("preview-section"), false);
      onError(error);
    }
    return;
  }
  if (mine !== previewRun || file !== chosen) return; // the analyst moved on meanwhile
  preview = answer;
  $("preview-status").textContent = t("upload.found", {
    rows: answer.rows_total ?? 0,
    skipped: answer.rows_skipped ?? 0,
  });
  if (rebuildEditor) {
    mappingChanged = false;
    renderSheets(answer.sheets ?? [], sheet);
    $("mapping-help").textContent = t("upload.mappingHelp");
    renderMappingEditor($("mapping-editor"), {
      sheets: sheetsRead(answer),
      mapping: answer.mapping ?? {},
      idPrefix: "map",
    });
    show($("mapping-fieldset"), true);
  }
  renderNameChoice(answer);
  renderRows(answer.rows ?? []);
}

function sheetsRead(answer) {
  const read = answer.sheets_read ?? [];
  if (read.length > 0) return read;
  return [
    {
      sheet: answer.sheet ?? "",
      columns: answer.columns ?? [],
      mapping: answer.mapping,
      name_choice: answer.name_choice,
    },
  ];
}

function showMappingLater() {
  clear($("mapping-editor"));
  $("mapping-help").textContent = t("upload.mappingLater");
  show($("mapping-fieldset"), true);
}

function renderSheets(sheets, current) {
  const select = $("sheet-select");
  if (sheets.length < 2) {
    show($("sheet-choice"), false);
    return;
  }
  clear(select).append(
    el("option", { value: "", selected: current === "" }, t("upload.sheetAll")),
    ...sheets.map((name) => el("option", { value: name, selected: name === current }, name)),
  );
  show($("sheet-choice"), true);
}

// The reference first, as the analyst's own key to the row.
const PREVIEW_FIELDS = ["ref", ...FIELDS.filter((field) => field !== "ref")];

// Why the API read this column as the supplier names, and the next best: a wrong choice is
// visible before anything is screened ("e_full_name: 567 distinct values, legal forms in 92%").
function renderNameChoice(answer) {
  const container = clear($("name-choice"));
  const sheets = sheetsRead(answer).filter((sheet) => sheet.name_choice);
  const several = sheets.length > 1;
  for (const sheet of sheets) {
    const { chosen, runner_up: runnerUp } = sheet.name_choice;
    container.append(
      el(
        "p",
        { class: "hint" },
        several ? el("strong", {}, t("mapping.sheetCaption", { sheet: sheet.sheet }) + ": ") : null,
        t("upload.nameChosen", { reason: chosen.reason }),
        " ",
        runnerUp
          ? t("upload.nameRunnerUp", { reason: runnerUp.reason })
          : t("upload.nameNoRunnerUp"),
      ),
    );
  }
}

// The first rows as the API would read them with this mapping.
function renderRows(rows) {
  const container = clear($("preview-rows"));
  show($("preview-section"), rows.length > 0);
  if (rows.length === 0) return;
  container.append(
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        { class: "data preview" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col" }, t("preview.col.sheet")),
            el("th", { scope: "col", class: "num" }, t("preview.col.row")),
            ...PREVIEW_FIELDS.map((field) => el("th", { scope: "col" }, t(`mapping.${field}`))),
          ),
        ),
        el(
          "tbody",
          {},
          rows.map((row) =>
            el(
              "tr",
              {},
              el("td", {}, row.sheet ?? ""),
              el("td", { class: "num" }, row.row ?? ""),
              ...PREVIEW_FIELDS.map((field) => el("td", {}, row.supplier?.[field] ?? "")),
            ),
          ),
        ),
      ),
    ),
  );
}

async function start(onStarted, onError) {
  if (!chosen) return;
  const editor = $("mapping-editor");
  const mapping = preview && mappingChanged ? readMapping(editor) : null;
  if (mapping && !hasNameColumn(mapping)) {
    $("preview-status").textContent = t("mapping.nameRequired");
    editor.querySelector("[data-field=name]")?.focus();
    return;
  }
  const sheet = chosenSheet();
  const button = $("upload-start");
  button.disabled = true;
  $("preview-status").textContent = t("upload.starting");
  try {
    const { job_id: jobId } = await api.upload(chosen, { mapping, sheet });
    $("preview-status").textContent = "";
    onStarted(jobId, chosen, mapping, sheet);
  } catch (error) {
    $("preview-status").textContent = "";
    onError(error);
  } finally {
    button.disabled = false;
  }
}

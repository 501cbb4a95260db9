// The results view of one upload job: live progress, summary, row errors, the mapping used,
// report downloads and the filterable table of screened suppliers.

import { api } from "./api.js";
import { el, clear, show, levelBadge } from "./elements.js";
import { renderMappingEditor, readMapping, hasNameColumn } from "./mapping.js";
import { LEVELS, filterResults, sortResults, renderResultsTable } from "./results-table.js";
import { t } from "./strings.js";

const $ = (id) => document.getElementById(id);
const POLL_MS = 700;
const RESULTS_PAGE = 500;
// The table sorts and searches in the browser; past this many rows it asks the API for one level
// at a time and says that the report holds everything.
const RESULTS_LOADED_MAX = 5000;

let current = null; // {id, file, sheet, job, results}
let generation = 0; // bumps when another job is shown, so stale polls stop
const view = { level: "", search: "", sort: "desc" };
let hooks = { onOpen: () => {}, onStarted: () => {}, onError: () => {} };

export function initJob(options) {
  hooks = options;
  const level = $("filter-level");
  level.append(
    el("option", { value: "" }, t("results.allLevels")),
    ...LEVELS.map((name) => el("option", { value: name }, t(`level.${name}`))),
  );
  level.addEventListener("change", () => {
    view.level = level.value;
    if (current?.partial) loadResults(generation);
    else renderTable();
  });
  $("filter-search").addEventListener("input", (event) => {
    view.search = event.target.value;
    renderTable();
  });
  for (const button of document.querySelectorAll("#job-reports button[data-format]")) {
    button.addEventListener("click", () => download(button.dataset.format, button));
  }
  $("rerun-form").addEventListener("submit", (event) => {
    event.preventDefault();
    rerun();
  });
}

// The job named in the address (#job=<id>), so a results page can be bookmarked or shared.
export function jobInAddress() {
  const match = /^#job=([\w.-]+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

// Show a job and follow it until it ends. file: the uploaded File when this tab has it.
export function showJob(id, { file = null, sheet = "" } = {}) {
  const mine = ++generation;
  current = { id, file, sheet, job: null, results: [], total: 0, partial: false };
  Object.assign(view, { level: "", search: "", sort: "desc" });
  $("filter-level").value = "";
  $("filter-search").value = "";
  history.replaceState(null, "", `#job=${encodeURIComponent(id)}`);
  // The file's name once known (this tab has it, or the job says it); the id until then.
  $("job-title").textContent = file?.name ? t("job.titleFile", { name: file.name }) : t("job.title", { id });
  show($("job-none"), false);
  show($("job-panel"), true);
  for (const id of ["job-summary", "job-errors", "job-reports", "results"]) show($(id), false);
  $("job-progress").removeAttribute("value"); // indeterminate until the first poll
  $("job-progress-text").textContent = t("job.progressUnknown");
  $("job-status-text").textContent = "";
  $("report-status").textContent = "";
  follow(id, mine);
}

async function follow(id, mine) {
  while (mine === generation) {
    let job;
    try {
      job = await api.job(id);
    } catch (error) {
      if (error.status === 429) {
        // Over the key's request budget: wait as the API asks, then keep following.
        await pause(1000 * (error.details?.retry_after_seconds ?? 2));
        continue;
      }
      if (mine === generation) hooks.onError(error);
      return;
    }
    if (mine !== generation) return;
    current.job = job;
    if (job.file?.name) $("job-title").textContent = t("job.titleFile", { name: job.file.name });
    renderProgress(job);
    if (job.status === "done" || job.status === "failed") {
      renderFinished(job, mine);
      return;
    }
    await pause(POLL_MS);
  }
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function renderProgress(job) {
  $("job-status-text").textContent = t("job.statusLine", {
    status: t(`job.status.${job.status}`),
  });
  const progress = $("job-progress");
  const total = job.rows_total ?? 0;
  const done = job.rows_done ?? 0;
  if (total > 0) {
    progress.max = total;
    progress.value = Math.min(done, total);
  }
  let text = t("job.progressUnknown");
  if (job.status === "failed") text = t("job.failed");
  else if (job.status === "done") text = t("job.finished", { total });
  else if (total > 0) text = t("job.progress", { done, total });
  // Only touch the live region when the words change, so screen readers are not flooded.
  if ($("job-progress-text").textContent !== text) $("job-progress-text").textContent = text;
}

async function renderFinished(job, mine) {
  if (job.status === "done") {
    const progress = $("job-progress");
    progress.max = Math.max(job.rows_total ?? 1, 1);
    progress.value = progress.max;
  }
  renderSummary(job.summary ?? {}, job.summary_in_force);
  renderErrors(job.errors ?? []);
  renderMapping(job);
  if (job.status !== "done") return;
  show($("job-reports"), true);
  show($("results"), true);
  await loadResults(mine);
}

// Load the results (of the chosen level, when there are too many to hold them all).
async function loadResults(mine) {
  clear($("results-table")).append(el("p", { class: "status" }, t("results.loading")));
  const level = current.partial ? view.level : "";
  try {
    const { results, total } = await fetchResults(current.id, level);
    if (mine !== generation) return;
    current.results = results;
    current.total = total;
    current.partial = current.partial || results.length < total;
    renderTable();
  } catch (error) {
    if (mine === generation) hooks.onError(error);
  }
}

async function fetchResults(id, level) {
  const results = [];
  let total = 0;
  for (let offset = 0; results.length < RESULTS_LOADED_MAX; offset += RESULTS_PAGE) {
    const page = await api.results(id, { offset, limit: RESULTS_PAGE, level });
    const rows = page.results ?? [];
    results.push(...rows);
    total = page.total ?? results.length;
    if (rows.length < RESULTS_PAGE || results.length >= total) break;
  }
  return { results, total };
}

// Counts per level with the decisions in force (as screened beside, when they differ), and the
// rows a reviewer cleared counted apart.
function renderSummary(summary, inForce) {
  const counts = inForce ?? summary;
  const list = clear($("job-summary-list"));
  list.append(
    ...LEVELS.map((level) => {
      const now = counts[level] ?? 0;
      const screened = summary[level] ?? 0;
      return el(
        "li",
        {},
        levelBadge(level),
        " ",
        el("span", { class: "count" }, String(now)),
        now === screened ? null : el("span", { class: "hint" }, ` ${t("job.screenedCount", { count: screened })}`),
      );
    }),
  );
  if (inForce?.cleared) {
    list.append(
      el(
        "li",
        { class: "cleared-count" },
        el("span", { class: "badge decided" }, t("decision.mark.cleared")),
        " ",
        el("span", { class: "count" }, String(inForce.cleared)),
      ),
    );
  }
  show($("job-summary"), true);
}

// After a decision in the detail view: the row, the table and the summary show it at once.
export async function refreshDecisions() {
  if (!current?.job || current.job.status !== "done") return;
  const mine = generation;
  try {
    const job = await api.job(current.id);
    if (mine !== generation) return;
    current.job = job;
    renderSummary(job.summary ?? {}, job.summary_in_force);
    await loadResults(mine);
  } catch (error) {
    if (mine === generation) hooks.onError(error);
  }
}

function renderErrors(errors) {
  show($("job-errors"), errors.length > 0);
  if (errors.length === 0) return;
  $("job-errors-title").textContent = t("job.errorsTitle", { count: errors.length });
  clear($("job-errors-body")).append(
    ...errors.map((e) =>
      el(
        "tr",
        {},
        el("td", {}, e.sheet ?? ""),
        el("td", { class: "num" }, e.row ?? ""),
        el("td", {}, e.column ?? ""),
        el("td", {}, e.message ?? ""),
      ),
    ),
  );
}

function renderMapping(job) {
  const sheets = (job.sheets ?? []).map((s) => ({
    sheet: s.sheet,
    columns: s.headers ?? [],
    mapping: s.mapping,
  }));
  renderMappingEditor($("rerun-editor"), {
    sheets: sheets.length > 0 ? sheets : [{ sheet: "", columns: job.columns ?? [] }],
    mapping: job.mapping ?? {},
    idPrefix: "rerun",
  });
  const canRerun = Boolean(current.file);
  show($("rerun"), canRerun);
  $("rerun-hint").textContent = canRerun ? "" : t("job.rerunNeedsFile");
}

function renderTable() {
  if (!current) return;
  const rows = sortResults(filterResults(current.results, view), view.sort);
  const partial = current.results.length < (current.total ?? 0);
  $("results-partial").textContent = partial
    ? t("results.partial", { loaded: current.results.length, total: current.total })
    : "";
  show($("results-partial"), partial);
  renderResultsTable($("results-table"), rows, {
    total: current.results.length,
    sort: view.sort,
    onSort: (direction) => {
      view.sort = direction;
      renderTable();
      $("results-table").querySelector("button.sort")?.focus();
    },
    onOpen: (result) => hooks.onOpen(result, { jobId: current.id, lists: current.job?.lists }),
  });
}

async function download(format, button) {
  if (!current) return;
  const name = format.toUpperCase();
  const status = $("report-status");
  button.disabled = true;
  status.textContent = t("job.downloading", { format: name });
  try {
    const response = await api.report(current.id, format);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: fileName(response, format), hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = t("job.downloaded", { format: name });
  } catch (error) {
    status.textContent = "";
    hooks.onError(error);
  } finally {
    button.disabled = false;
  }
}

// The name the API gives the report: the UTF-8 filename* when there is one, else filename.
function fileName(response, format) {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // malformed: fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : `screening-${current.id}.${format}`;
}

async function rerun() {
  if (!current?.file) return;
  const mapping = readMapping($("rerun-editor"));
  if (!hasNameColumn(mapping)) {
    $("rerun-hint").textContent = t("mapping.nameRequired");
    return;
  }
  const { file, sheet } = current;
  try {
    const { job_id: jobId } = await api.upload(file, { mapping, sheet });
    hooks.onStarted(jobId, file, mapping, sheet);
  } catch (error) {
    hooks.onError(error);
  }
}

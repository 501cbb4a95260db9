// The past-jobs view: the API's job list when it has one, else the jobs started in this tab.

import { api } from "./api.js";
import { el, clear, formatDateTime } from "./elements.js";
import { t } from "./strings.js";

const $ = (id) => document.getElementById(id);
const SLOT = "screening.jobs";

export function rememberJob(jobId, fileName) {
  const jobs = sessionJobs().filter((job) => job.job_id !== jobId);
  jobs.unshift({ job_id: jobId, filename: fileName, created_at: new Date().toISOString() });
  sessionStorage.setItem(SLOT, JSON.stringify(jobs.slice(0, 50)));
}

function sessionJobs() {
  try {
    const jobs = JSON.parse(sessionStorage.getItem(SLOT) ?? "[]");
    return Array.isArray(jobs) ? jobs : [];
  } catch {
    return [];
  }
}

export function initJobs({ onOpen, onError }) {
  $("jobs-refresh").addEventListener("click", () => loadJobs({ onOpen, onError }));
}

export async function loadJobs({ onOpen, onError }) {
  let jobs;
  let fromServer = true;
  try {
    const body = await api.jobs();
    jobs = body.jobs ?? body.items ?? [];
  } catch (error) {
    if (error.status !== 404 && error.status !== 405) {
      onError(error);
      return;
    }
    fromServer = false;
    jobs = await withStatus(sessionJobs());
  }
  $("jobs-help").textContent = fromServer ? t("jobs.help") : t("jobs.sessionOnly");
  renderJobs(jobs, onOpen);
}

// Jobs remembered by this tab carry only id, file and time: ask the API for the rest.
function withStatus(jobs) {
  return Promise.all(
    jobs.map(async (job) => {
      try {
        return { ...job, ...(await api.job(job.job_id)) };
      } catch {
        return job;
      }
    }),
  );
}

function renderJobs(jobs, onOpen) {
  const container = clear($("jobs-table"));
  if (jobs.length === 0) {
    container.append(el("p", { class: "empty" }, t("jobs.empty")));
    return;
  }
  container.append(
    el(
      "table",
      { class: "data jobs" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, t("jobs.col.id")),
          el("th", { scope: "col" }, t("jobs.col.file")),
          el("th", { scope: "col" }, t("jobs.col.started")),
          el("th", { scope: "col" }, t("jobs.col.status")),
          el("th", { scope: "col", class: "num" }, t("jobs.col.rows")),
          el("th", { scope: "col" }, t("jobs.col.actions")),
        ),
      ),
      el(
        "tbody",
        {},
        jobs.map((job) =>
          el(
            "tr",
            {},
            el("th", { scope: "row", class: "ref" }, job.job_id),
            el("td", {}, job.filename ?? job.file_name ?? ""),
            el("td", {}, formatDateTime(job.created_at ?? job.started_at)),
            el("td", {}, job.status ? t(`job.status.${job.status}`) : ""),
            el("td", { class: "num" }, job.rows_total ?? ""),
            el(
              "td",
              {},
              el(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  "aria-label": t("jobs.openLabel", { id: job.job_id }),
                  onclick: () => onOpen(job.job_id),
                },
                t("jobs.open"),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

// The analyst page: sign-in, navigation between views, and the one place errors are shown.

import { api, apiKey } from "./api.js";
import { initDetail, openDetail } from "./detail.js";
import { applyStrings, clear, el, show } from "./elements.js";
import { initJob, jobInAddress, refreshDecisions, showJob } from "./job.js";
import { initJobs, loadJobs, rememberJob } from "./jobs.js";
import { showListStatus } from "./list-status.js";
import { waitUntilReady } from "./readiness.js";
import { initOwnLists, loadOwnLists } from "./own-lists.js";
import { initQuickCheck } from "./quick-check.js";
import { t } from "./strings.js";
import { initUpload, reset as resetUpload } from "./upload.js";

const $ = (id) => document.getElementById(id);
const VIEWS = ["upload", "results", "jobs", "quick", "own-lists"];

const session = {
  signedIn: false, // the key was checked in this page load
  decisions: false, // whether this key may record decisions (POST /v1/decisions is there for it)
  currentVersions: {}, // list id -> the version the API holds now
};

function showView(name, { focus = true } = {}) {
  show($("view-sign-in"), name === "sign-in");
  for (const view of VIEWS) show($(`view-${view}`), view === name);
  for (const button of document.querySelectorAll("#main-nav button[data-view]")) {
    if (button.dataset.view === name) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  // Move focus to the new view's heading so keyboard and screen-reader users land in it.
  if (focus) $(`view-${name}`)?.querySelector("h1")?.focus();
}

function showError(error) {
  if (error.status === 401 || error.status === 403) {
    signOut();
  }
  if (error.code === "not_ready") {
    // Not a failure: the lists are still loading. Say how far, and try again by itself.
    waitUntilReady().then(loadLists);
    $("alert-text").textContent = t("error.notReady");
  } else {
    $("alert-text").textContent = error.message;
  }
  const details = clear($("alert-details"));
  const shown = error.code === "not_ready" ? [] : describeDetails(error.details);
  for (const line of shown) details.append(el("li", {}, line));
  show($("alert"), true);
  $("alert-dismiss").focus();
}

function describeDetails(details) {
  if (!details) return [];
  if (Array.isArray(details)) {
    return details.map((d) =>
      typeof d === "object" && d !== null
        ? Object.entries(d).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(", ")
        : String(d),
    );
  }
  if (typeof details === "object") {
    return Object.entries(details).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`);
  }
  return [String(details)];
}

function hideError() {
  show($("alert"), false);
}

async function signIn(key) {
  const status = $("sign-in-status");
  status.textContent = t("signIn.checking");
  try {
    const me = await api.me(key);
    apiKey.set(key);
    session.decisions = Boolean(me.can_decide);
    session.signedIn = true;
  } catch (error) {
    status.textContent =
      error.status === 401 || error.status === 403 ? t("signIn.rejected") : error.message;
    $("api-key").focus();
    return;
  }
  status.textContent = "";
  $("sign-in-form").reset();
  await enterApp();
}

async function enterApp() {
  hideError();
  show($("main-nav"), true);
  show($("session"), true);
  const linked = jobInAddress();
  if (linked) {
    showView("results");
    showJob(linked);
  } else {
    showView("upload");
  }
  if (!session.signedIn) {
    // Back in a tab that kept its key: learn again what the key may do.
    try {
      session.decisions = Boolean((await api.me()).can_decide);
    } catch (error) {
      showError(error);
      return;
    }
  }
  session.signedIn = true;
  await loadLists();
}

// The lists strip; while the server still loads its lists, the loading banner until it is done.
async function loadLists() {
  for (;;) {
    try {
      const body = await api.lists();
      session.currentVersions = Object.fromEntries(
        (body.lists ?? []).map((list) => [list.list, list.version]),
      );
      showListStatus(body);
      return;
    } catch (error) {
      if (error.status !== 503) {
        showError(error);
        return;
      }
      await waitUntilReady();
    }
  }
}

function signOut() {
  session.signedIn = false;
  apiKey.forget();
  sessionStorage.clear();
  history.replaceState(null, "", location.pathname);
  show($("main-nav"), false);
  show($("session"), false);
  show($("list-status"), false);
  $("detail").close();
  resetUpload();
  showView("sign-in", { focus: false });
  $("api-key").focus();
}

function openSupplier(result, { jobId, screeningId, lists }) {
  const listVersions = Object.fromEntries((lists ?? []).map((l) => [l.list, l.version]));
  openDetail(result, {
    jobId,
    screeningId,
    listVersions,
    currentVersions: session.currentVersions,
    decisions: session.decisions,
    onDecided: jobId ? refreshDecisions : null,
  });
}

function startedJob(jobId, file, mapping, sheet) {
  rememberJob(jobId, file?.name ?? "");
  showView("results");
  showJob(jobId, { file, sheet });
}

function init() {
  applyStrings();
  initDetail();
  initUpload({ onStarted: startedJob, onError: showError });
  initJob({ onOpen: openSupplier, onStarted: startedJob, onError: showError });
  const openJob = (jobId) => {
    showView("results");
    showJob(jobId);
  };
  initJobs({ onOpen: openJob, onError: showError });
  initQuickCheck({ onOpen: openSupplier, onError: showError });
  initOwnLists({ onError: showError });

  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("api-key").value.trim();
    if (key) signIn(key);
  });
  $("sign-out").addEventListener("click", signOut);
  // The skip link moves focus itself, so the address keeps the #job= of the results shown.
  document.querySelector(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    $("main").focus();
  });
  $("alert-dismiss").addEventListener("click", hideError);
  for (const button of document.querySelectorAll("#main-nav button[data-view]")) {
    button.addEventListener("click", () => {
      hideError();
      showView(button.dataset.view);
      if (button.dataset.view === "jobs") loadJobs({ onOpen: openJob, onError: showError });
      if (button.dataset.view === "own-lists") loadOwnLists({ onError: showError });
    });
  }

  window.addEventListener("hashchange", () => {
    const linked = jobInAddress();
    if (linked && apiKey.get()) {
      showView("results");
      showJob(linked);
    }
  });

  if (apiKey.get()) enterApp();
  else showView("sign-in", { focus: false });
}

init();

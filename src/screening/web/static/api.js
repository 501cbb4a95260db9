// The page's only door to the REST API: holds the API key (this tab's sessionStorage only)
// and turns the API's JSON errors into ApiError.

import { t } from "./strings.js";

const KEY_SLOT = "screening.apiKey";

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// sessionStorage dies with the tab; the key is never written to local storage, cookies or URLs.
export const apiKey = {
  get: () => sessionStorage.getItem(KEY_SLOT) ?? "",
  set: (value) => sessionStorage.setItem(KEY_SLOT, value),
  forget: () => sessionStorage.removeItem(KEY_SLOT),
};

async function send(method, path, { json, form, key } = {}) {
  const headers = { "X-API-Key": key ?? apiKey.get(), Accept: "application/json" };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form; // the browser writes the multipart boundary itself
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "omit", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", t("error.network"), null);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function errorFrom(response) {
  let error = {};
  try {
    const body = await response.json();
    error = body?.error ?? {};
    if (!body?.error && body?.detail) error = { message: JSON.stringify(body.detail) };
  } catch {
    // not JSON: keep the status alone
  }
  const message =
    response.status === 401 || response.status === 403
      ? t("error.unauthorised")
      : error.message || t("error.generic", { status: response.status });
  return new ApiError(response.status, error.code ?? "http", message, error.details ?? null);
}

async function getJson(path, options) {
  return (await send("GET", path, options)).json();
}

async function postJson(path, json) {
  return (await send("POST", path, { json })).json();
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function uploadForm(file, { mapping, sheet } = {}) {
  const form = new FormData();
  form.append("file", file, file.name);
  if (mapping) form.append("mapping", JSON.stringify(mapping));
  if (sheet) form.append("sheet", sheet);
  return form;
}

export const api = {
  // Who the key is (tenant, role, whether it may decide): answers while the lists still load.
  me: (key) => getJson("/v1/me", { key }),
  // How far the server is in loading its lists: 200 when ready, 503 (with the same body) before.
  readiness: async () => {
    try {
      const response = await fetch("/readyz", { cache: "no-store", credentials: "omit" });
      return await response.json();
    } catch {
      throw new ApiError(0, "network", t("error.network"), null);
    }
  },
  lists: () => getJson("/v1/lists"),
  entry: (list, sourceId) =>
    getJson(`/v1/lists/${encodeURIComponent(list)}/entries/${encodeURIComponent(sourceId)}`),
  screen: (supplier) => postJson("/v1/screen", { suppliers: [supplier] }),
  preview: async (file, options) =>
    (await send("POST", "/v1/uploads/preview", { form: uploadForm(file, options) })).json(),
  upload: async (file, options) =>
    (await send("POST", "/v1/uploads", { form: uploadForm(file, options) })).json(),
  job: (id) => getJson(`/v1/jobs/${encodeURIComponent(id)}`),
  jobs: () => getJson("/v1/jobs"),
  results: (id, params) => getJson(`/v1/jobs/${encodeURIComponent(id)}/results${query(params)}`),
  report: async (id, format) =>
    send("GET", `/v1/jobs/${encodeURIComponent(id)}/report${query({ format })}`),
  decide: (decision) => postJson("/v1/decisions", decision),
  decisions: (params) => getJson(`/v1/decisions${query(params)}`),
  tenantLists: () => getJson("/v1/tenant-lists"),
  importTenantList: async (title, file) => {
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("name", title);
    return (await send("POST", "/v1/tenant-lists", { form })).json();
  },
  deleteTenantList: (list) => send("DELETE", `/v1/tenant-lists/${encodeURIComponent(list)}`),
  // Admins only (GET /v1/me names the key's role).
  canManageTenantLists: async () => (await getJson("/v1/me")).role === "admin",
};

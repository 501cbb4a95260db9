// While the server loads its lists (a cold start takes a while), the page says how far it is and
// tries again by itself; screening starts working the moment the lists are in.

import { api } from "./api.js";
import { show } from "./elements.js";
import { t } from "./strings.js";

const RETRY_MS = 2000;
let waiting = null; // the running wait, so a second call joins it

// Resolves once GET /readyz says ready; shows the stage meanwhile in the #loading banner.
export function waitUntilReady() {
  waiting ??= poll().finally(() => {
    waiting = null;
  });
  return waiting;
}

async function poll() {
  const banner = document.getElementById("loading");
  const text = document.getElementById("loading-text");
  for (;;) {
    let body = null;
    try {
      body = await api.readiness();
    } catch {
      body = null; // the server is restarting: keep trying
    }
    if (body?.ready) {
      show(banner, false);
      return body;
    }
    text.textContent = body
      ? t("loading.stage", { stage: body.stage ?? "", detail: body.detail ? ` (${body.detail})` : "" })
      : t("loading.unreachable");
    show(banner, true);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

// The supplier detail dialog: each match side by side with the listed entry, the reasons for the
// score, and (once the API records them) a decision form per match.

import { api } from "./api.js";
import { el, clear, levelBadge, formatScore, formatDateTime } from "./elements.js";
import { t } from "./strings.js";

const SUPPLIER_FIELDS = ["ref", "name", "country", "sector", "registration_id", "address"];
// A person's fields, shown only when the row or request gave them: most suppliers are companies.
const PERSON_FIELDS = ["date_of_birth", "nationality"];

const dialog = () => document.getElementById("detail");

export function initDetail() {
  document.getElementById("detail-close").addEventListener("click", () => dialog().close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it too.
  dialog().addEventListener("click", (event) => {
    if (event.target === dialog()) dialog().close();
  });
}

// context: {jobId, screeningId, listVersions: {list: version}, currentVersions, decisions: bool}
export function openDetail(result, context) {
  document.getElementById("detail-title").textContent = t("detail.title", {
    name: result.name ?? "",
  });
  const body = clear(document.getElementById("detail-body"));
  const matches = [...(result.matches ?? [])].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  body.append(
    el(
      "p",
      { class: "detail-score" },
      levelBadge(result.risk_level),
      " ",
      t("detail.score", {
        score: formatScore(result.risk_score),
        level: t(`level.${result.risk_level}`),
      }),
    ),
    ...decidedLine(result),
    el("h3", {}, t("detail.reasons")),
    reasonsList(result.reasons ?? []),
    el("h3", {}, t("detail.matches", { count: matches.length })),
    ...(matches.length === 0
      ? [el("p", {}, t("detail.noMatches"))]
      : matches.map((match, index) => matchSection(result, match, index + 1, context))),
  );
  dialog().showModal();
}

// The row's decisions in force, when there are any: its mark and the level they leave.
function decidedLine(result) {
  const status = result.decision_status ?? "none";
  if (status === "none") return [];
  return [
    el(
      "p",
      { class: "detail-decided" },
      el("span", { class: `badge decided decided-${status}` }, t(`decision.mark.${status}`)),
      " ",
      t("detail.levelInForce", {
        level: t(`level.${result.level_in_force || result.risk_level}`),
        screened: t(`level.${result.risk_level}`),
      }),
    ),
  ];
}

function reasonsList(reasons) {
  if (reasons.length === 0) return el("p", {}, t("detail.noReasons"));
  return el(
    "ul",
    { class: "reasons" },
    reasons.map((reason) => el("li", {}, typeof reason === "string" ? reason : describe(reason))),
  );
}

function matchSection(result, match, n, context) {
  const headingId = `match-${n}-title`;
  const entryColumn = el(
    "div",
    { class: "side entry-side", "aria-busy": "true" },
    el("h5", {}, t("detail.entry")),
    el("p", { class: "status" }, t("detail.loadingEntry")),
  );
  const section = el(
    "section",
    { class: "match", "aria-labelledby": headingId },
    el(
      "h4",
      { id: headingId },
      t("detail.match", { n, entry: match.entry_name ?? "", list: match.list ?? "" }),
    ),
    entryBrief(match),
    match.decision ? decisionInForce(match.decision) : null,
    facts(
      [
        ["detail.matchedName", match.matched_name],
        ["detail.matchScore", formatScore(match.score)],
        ["detail.why", sentenceList(match.explanation_text)],
        ["detail.matchReasons", plainList(match.reasons)],
      ].filter(([, value]) => !isEmpty(value)), // a reviewer reads what is there, not blanks
    ),
    el("div", { class: "side-by-side" }, supplierColumn(result), entryColumn),
    context.decisions ? decisionForm(result, match, n, context) : null,
  );
  fillEntry(entryColumn, match, context).then((entry) => {
    if (entry?.listed_on) {
      const brief = section.querySelector(".entry-brief");
      const listed = t("detail.brief.listed", { date: entry.listed_on });
      brief.textContent = brief.textContent ? `${brief.textContent} · ${listed}` : listed;
    }
  });
  return section;
}

function supplierColumn(result) {
  const supplier = result.supplier ?? result;
  return el(
    "div",
    { class: "side supplier-side" },
    el("h5", {}, t("detail.supplier")),
    facts(
      [...SUPPLIER_FIELDS, ...PERSON_FIELDS.filter((field) => supplier[field])].map((field) => [
        `detail.field.${field}`,
        supplier[field],
      ]),
    ),
  );
}

async function fillEntry(column, match, context) {
  let entry;
  let problem = null;
  try {
    entry = await api.entry(match.list, match.source_id);
  } catch (error) {
    problem = error.message;
    entry = {
      list: match.list,
      source_id: match.source_id,
      kind: match.kind,
      name: match.entry_name,
      programs: match.programs,
    };
  }
  const list = entry.list ?? match.list;
  const version = context.listVersions?.[list]
    ?? (context.currentVersions?.[list]
      ? t("detail.currentVersion", { version: context.currentVersions[list] })
      : "");
  const notice = problem
    ? [el("p", { class: "status" }, t("detail.entryUnavailable", { message: problem }))]
    : [];
  column.replaceChildren(
    el("h5", {}, t("detail.entry")),
    ...notice,
    facts([
      ["detail.field.name", entry.name],
      ["detail.field.aliases", aliasList(entry.aliases)],
      ["detail.field.kind", entry.kind ? t(`kind.${entry.kind}`) : ""],
      ["detail.field.programs", (entry.programs ?? []).join(", ")],
      ["detail.field.countries", (entry.countries ?? []).join(", ")],
      ["detail.field.addresses", addressList(entry.addresses)],
      ["detail.field.identifiers", identifierList(entry.identifiers)],
      ["detail.field.listedOn", entry.listed_on],
      ["detail.field.remarks", entry.remarks ? el("p", { class: "remarks" }, entry.remarks) : ""],
      ["detail.field.links", linkList(entry.links)],
      ["detail.field.list", list],
      ["detail.field.listVersion", version],
      ["detail.field.sourceId", entry.source_id],
    ]),
  );
  column.removeAttribute("aria-busy");
  return problem ? null : entry;
}

// rows: [[string key, value]]; a value is text, a node, or empty (then a dash).
function facts(rows) {
  return el(
    "dl",
    { class: "facts" },
    rows.map(([key, value]) => [
      el("dt", {}, t(key)),
      el("dd", {}, isEmpty(value) ? t("detail.empty") : value),
    ]),
  );
}

function isEmpty(value) {
  if (value === undefined || value === null || value === "") return true;
  return value instanceof Node && value.childNodes.length === 0;
}

function plainList(items) {
  if (!items?.length) return "";
  return el("ul", { class: "plain" }, items.map((item) => el("li", {}, describe(item))));
}

function aliasList(aliases) {
  if (!aliases?.length) return "";
  return el(
    "ul",
    { class: "plain" },
    aliases.map((alias) =>
      el(
        "li",
        {},
        alias.name,
        el(
          "span",
          { class: "hint" },
          ` (${t("detail.aliasType", { type: alias.type ?? "", script: alias.script ?? "" })})`,
        ),
      ),
    ),
  );
}

function addressList(addresses) {
  if (!addresses?.length) return "";
  return el(
    "ul",
    { class: "plain" },
    addresses.map((a) =>
      el("li", {}, [a.street, a.city, a.country || a.country_code].filter(Boolean).join(", ")),
    ),
  );
}

function identifierList(identifiers) {
  if (!identifiers?.length) return "";
  return el(
    "ul",
    { class: "plain" },
    identifiers.map((i) =>
      el("li", {}, [i.note || i.kind, i.value, i.country_code].filter(Boolean).join(": ")),
    ),
  );
}

function linkList(links) {
  if (!links?.length) return "";
  return el(
    "ul",
    { class: "plain" },
    links.map((link) => el("li", {}, [link.name, link.source_id].filter(Boolean).join(" · "))),
  );
}

function sentenceList(sentences) {
  if (!sentences?.length) return "";
  return el("ul", { class: "plain explanation" }, sentences.map((line) => el("li", {}, line)));
}

// What the entry is, beside its name: kind, programs, countries and the list's date for it.
function entryBrief(match) {
  const countries = match.explanation?.country?.entry ?? [];
  const parts = [
    match.kind ? t(`kind.${match.kind}`) : "",
    (match.programs ?? []).length ? t("detail.brief.programs", { programs: match.programs.join(", ") }) : "",
    countries.length ? t("detail.brief.countries", { countries: countries.join(", ") }) : "",
  ].filter(Boolean);
  const node = el("p", { class: "entry-brief" }, parts.join(" · "));
  return node;
}

// The decision in force on this pair, as the table's mark says it.
function decisionInForce(decision) {
  return el(
    "p",
    { class: `decision-in-force decided-${decision.verdict}` },
    el("strong", {}, t("detail.decisionInForce")),
    " ",
    t("decision.inForce", {
      decision: t(`decision.${decision.verdict}`),
      by: decision.decided_by ?? "",
      date: formatDateTime(decision.decided_at),
      note: decision.note ?? "",
    }),
  );
}

function describe(value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(describe).join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) => `${k} ${describe(v)}`)
      .join("; ");
  }
  return String(value);
}

function decisionForm(result, match, n, context) {
  const prefix = `decision-${n}`;
  const status = el("p", { class: "status", role: "status" });
  const note = el("textarea", {
    id: `${prefix}-note`,
    name: "note",
    rows: 2,
    required: true,
    maxlength: 2000,
    "aria-describedby": `${prefix}-note-help`,
  });
  const choice = (value) =>
    el(
      "div",
      { class: "choice" },
      el("input", { type: "radio", id: `${prefix}-${value}`, name: `${prefix}-decision`, value }),
      el("label", { for: `${prefix}-${value}` }, t(`decision.${value}`)),
    );
  const submit = el("button", { type: "submit" }, t("decision.submit"));
  const previous = el("p", { class: "previous-decision" });
  loadPrevious(previous, result, match);
  const form = el(
    "form",
    { class: "decision", novalidate: true },
    el("h5", {}, t("decision.title")),
    previous,
    el(
      "fieldset",
      {},
      el("legend", {}, t("decision.legend")),
      choice("true_match"),
      choice("false_positive"),
    ),
    el("label", { for: note.id }, t("decision.note")),
    note,
    el("p", { id: `${prefix}-note-help`, class: "hint" }, t("decision.noteHelp")),
    submit,
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const picked = form.querySelector(`input[name="${prefix}-decision"]:checked`);
    if (!picked) {
      status.textContent = t("decision.choose");
      form.querySelector("input[type=radio]").focus();
      return;
    }
    if (!note.value.trim()) {
      status.textContent = t("decision.noteRequired");
      note.setAttribute("aria-invalid", "true");
      note.focus();
      return;
    }
    note.removeAttribute("aria-invalid");
    const decision = {
      ref: result.ref ?? "",
      list: match.list,
      source_id: match.source_id,
      decision: picked.value,
      note: note.value.trim(),
    };
    if (context.jobId) decision.job_id = context.jobId;
    else decision.screening_id = context.screeningId;
    submit.disabled = true;
    status.textContent = t("decision.saving");
    try {
      const saved = await api.decide(decision);
      const words = t("decision.saved", { decision: t(`decision.${picked.value}`) });
      status.textContent =
        saved.in_force === false
          ? `${words} ${t("decision.notInForce", { changes: (saved.changes ?? []).join("; ") })}`
          : words;
      showPrevious(previous, saved);
      context.onDecided?.();
    } catch (error) {
      // The route exists (it was probed at sign-in): say what the API objected to.
      status.textContent = error.message;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// The latest decision on this supplier-entry pair, if any, so the reviewer sees what stands.
async function loadPrevious(node, result, match) {
  try {
    const page = await api.decisions({
      ref: result.ref ?? "",
      list: match.list,
      source_id: match.source_id,
      limit: 1,
    });
    const latest = page.decisions?.[0];
    if (latest) showPrevious(node, latest);
  } catch {
    // Reading earlier decisions is a courtesy: the form works without it.
  }
}

function showPrevious(node, decision) {
  node.textContent = t("decision.previous", {
    decision: t(`decision.${decision.decision}`),
    date: formatDateTime(decision.decided_at),
    note: decision.note ?? "",
  });
}

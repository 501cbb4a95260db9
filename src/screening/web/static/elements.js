// Build DOM nodes safely: text always goes in as text nodes, never as HTML.
// Supplier names and list remarks are untrusted, so nothing here ever parses HTML.

import { STRINGS, t } from "./strings.js";

// el("td", {class: "score", dataset: {ref: "A1"}}, "text", childNode, [more, children])
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

// Fill every element that names a string key: data-i18n (text), data-i18n-<attr> (attribute).
export function applyStrings(root = document) {
  for (const node of root.querySelectorAll("*")) {
    for (const attr of node.getAttributeNames()) {
      if (!attr.startsWith("data-i18n")) continue;
      const key = node.getAttribute(attr);
      if (attr === "data-i18n") node.textContent = t(key);
      else node.setAttribute(attr.slice("data-i18n-".length), t(key));
    }
  }
  document.title = STRINGS["app.title"];
}

// A risk level is shown as words on a coloured badge: the colour is never the only signal.
export function levelBadge(level) {
  const known = ["critical", "high", "medium", "low", "clear"].includes(level);
  return el(
    "span",
    { class: `level level-${known ? level : "unknown"}` },
    known ? t(`level.${level}`) : String(level ?? ""),
  );
}

export function formatSize(bytes) {
  if (bytes < 1024) return t("size.bytes", { n: bytes });
  if (bytes < 1024 * 1024) return t("size.kb", { n: (bytes / 1024).toFixed(1) });
  return t("size.mb", { n: (bytes / (1024 * 1024)).toFixed(1) });
}

export function formatScore(score) {
  return typeof score === "number" ? score.toFixed(1) : "";
}

export function formatDateTime(value) {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString("en-GB");
}

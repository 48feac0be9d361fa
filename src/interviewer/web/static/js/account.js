// The secrets that bring you back: shown with Copy buttons, saved as a small text file.

import { h, icon } from "./dom.js";

/** A button that copies `text()` to the clipboard (or selects `field` when it cannot). */
export function copyButton(text, { label = "Copy", field = null, what = "" } = {}) {
  const button = h("button", { type: "button", class: "btn btn-secondary btn-small copy-button" }, icon("copy", 16), h("span", null, label));
  const caption = button.lastChild;
  if (what) button.setAttribute("aria-label", `${label} ${what}`);
  let timer = 0;
  button.addEventListener("click", async () => {
    if (field) field.select();
    try {
      await navigator.clipboard.writeText(text());
      caption.textContent = "Copied";
    } catch {
      caption.textContent = field ? "Selected: press Ctrl+C" : "Copy failed";
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      caption.textContent = label;
    }, 4000);
  });
  return button;
}

/** A read-only field holding a secret, with its Copy button. */
export function secretRow({ id, label, value, what, large = false }) {
  const input = h("input", {
    class: ["token-field", large && "secret-large"],
    id,
    readonly: true,
    value,
    "aria-label": label,
    spellcheck: "false",
    autocomplete: "off",
  });
  input.addEventListener("focus", () => input.select());
  return h("div", { class: "token-row" }, input, copyButton(() => value, { field: input, what }));
}

function slug(text) {
  return (
    String(text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "account"
  );
}

/** The text file: where the server is, who you are, the key and the token, and how to use them. */
export function keysText({ user, token, recoveryKey }) {
  const server = `${window.location.origin}/`;
  const lines = [
    "Mock Interviewer: how to sign in again",
    "======================================",
    "",
    `Server:        ${server}`,
    `Name:          ${(user && user.name) || ""}`,
  ];
  if (user && user.email) lines.push(`Email:         ${user.email}`);
  lines.push(`Saved on:      ${new Date().toISOString().slice(0, 10)}`, "");
  if (recoveryKey) {
    lines.push(
      `Recovery key:  ${recoveryKey}`,
      "  With your email it signs you in from any browser: open the server, choose",
      "  \"Sign in\", and enter both. It was shown only once; the server keeps only a",
      "  fingerprint of it, so nobody can show it to you again.",
      "",
    );
  }
  lines.push(
    `Access token:  ${token}`,
    "  Signs you in on its own (\"Sign in\", then \"Use your access token\"), and",
    `  authenticates API calls: Authorization: Bearer ${token}`,
    "",
    "Anyone with this file can see and delete your interviews. Keep it private.",
    "",
  );
  return lines.join("\n");
}

export function keysFilename(user) {
  return `mock-interviewer-sign-in-${slug(user && user.name)}.txt`;
}

/** Save text as a file through a temporary link. */
export function downloadText(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = h("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30000);
}

export function downloadKeysButton(keys, { label = "Download as a text file", className = "btn btn-secondary" } = {}) {
  const button = h("button", { type: "button", class: className }, icon("download", 18), label);
  button.addEventListener("click", () => downloadText(keysFilename(keys().user), keysText(keys())));
  return button;
}

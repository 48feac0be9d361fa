// Mock Interviewer in the browser: a small hash router, the header, account actions.

import { api, ApiError, onUnauthorized } from "./api.js";
import { announce, h, icon, initials } from "./dom.js";
import * as media from "./media.js";
import * as pip from "./pip.js";
import { session } from "./store.js";
import { silence } from "./speech.js";
import * as profile from "./screens/profile.js";
import * as setup from "./screens/setup.js";
import * as intro from "./screens/intro.js";
import * as interview from "./screens/interview.js";
import * as results from "./screens/results.js";
import * as history from "./screens/history.js";
import * as signin from "./screens/signin.js";
import * as welcome from "./screens/welcome.js";
import { downloadKeysButton } from "./account.js";

const ROUTES = [
  { pattern: /^#\/start$/, screen: profile, nav: "start" },
  { pattern: /^#\/signin$/, screen: signin, nav: "signin" },
  { pattern: /^#\/welcome$/, screen: welcome, nav: "start", auth: true },
  { pattern: /^#\/setup$/, screen: setup, nav: "start", auth: true },
  { pattern: /^#\/intro$/, screen: intro, nav: "start", auth: true },
  { pattern: /^#\/interview$/, screen: interview, nav: "start", auth: true },
  { pattern: /^#\/results\/([0-9a-f-]{36})$/, screen: results, nav: "history", auth: true },
  { pattern: /^#\/history$/, screen: history, nav: "history", auth: true },
];

const MEDIA_SCREENS = new Set(["setup", "intro", "interview"]);
const main = document.getElementById("main");
const nav = document.getElementById("nav");
let current = null;
let routeSeq = 0;
let tracksCache = null;
let activeNav = null;

export const app = {
  /** A message shown at the top of the next screen: {text, tone}. */
  flash: null,
  /** Field errors from the API to show on the profile form: {field: message}. */
  fieldErrors: null,
  /** The recovery key just shown by registration, for the welcome screen (never stored). */
  newRecoveryKey: null,

  token() {
    return session.get().token || null;
  },

  user() {
    return session.get().user || null;
  },

  navigate(hash, { replace = false } = {}) {
    if (window.location.hash === hash) {
      route();
      return;
    }
    if (replace) {
      window.history.replaceState(null, "", hash);
      route();
    } else {
      window.location.hash = hash; // the hashchange listener routes
    }
  },

  async tracks() {
    if (!tracksCache) tracksCache = await api("/tracks");
    return tracksCache;
  },

  async trackTitle(trackId) {
    try {
      const track = (await app.tracks()).find((t) => t.id === trackId);
      return track ? track.title : trackId;
    } catch {
      return trackId;
    }
  },

  async topicTitles(trackId) {
    try {
      const track = (await app.tracks()).find((t) => t.id === trackId);
      return Object.fromEntries((track ? track.topics : []).map((t) => [t.id, t.title]));
    } catch {
      return {};
    }
  },

  signedIn(user, token) {
    session.update({ user, token });
    renderHeader();
  },

  endSession(message) {
    media.stopAll();
    silence();
    session.clear();
    renderHeader();
    app.flash = message ? { text: message, tone: "info" } : null;
    app.navigate("#/start", { replace: true });
  },

  /** Any API failure as a message block, with an optional retry. */
  errorBlock(error, retry) {
    const text = error instanceof ApiError ? error.message : "Something went wrong. Try again.";
    return h(
      "div",
      { class: "notice notice-error", role: "alert" },
      icon("alert"),
      h("div", null, h("p", null, text), retry ? h("button", { type: "button", class: "btn btn-secondary btn-small", on: { click: retry } }, "Try again") : null),
    );
  },
};

onUnauthorized((_error, token) => {
  if (token !== app.token()) return; // a sign-in attempt with a wrong token, not a lost session
  app.endSession("Your session is no longer valid (it may have been deleted). Start again below.");
});

// ---- header and account -------------------------------------------------------------------

function closeAccountPanel(focusButton) {
  const button = nav.querySelector(".account-button");
  const panel = nav.querySelector(".account-panel");
  if (!button || !panel || panel.hidden) return;
  panel.hidden = true;
  button.setAttribute("aria-expanded", "false");
  if (focusButton) button.focus();
}

function renderHeader(active = activeNav) {
  activeNav = active;
  const { token, user } = session.get();
  nav.replaceChildren();
  if (!token) {
    nav.append(h("a", { href: "#/signin", class: "nav-link", "aria-current": active === "signin" ? "page" : null }, "Sign in"));
    return;
  }
  const link = (hash, label, key) =>
    h("a", { href: hash, class: "nav-link", "aria-current": active === key ? "page" : null }, label);
  const panelId = "account-panel";
  const button = h(
    "button",
    {
      type: "button",
      class: "account-button",
      "aria-expanded": "false",
      "aria-controls": panelId,
      on: {
        click: () => {
          const panel = document.getElementById(panelId);
          const open = panel.hidden;
          panel.hidden = !open;
          button.setAttribute("aria-expanded", String(open));
          if (open) panel.querySelector("button").focus();
        },
      },
    },
    h("span", { class: "avatar", "aria-hidden": "true" }, initials(user && user.name)),
    h("span", { class: "account-name" }, (user && user.name) || "Account"),
    icon("chevron", 16),
  );
  const panel = h(
    "div",
    { class: "account-panel", id: panelId, hidden: true },
    h(
      "p",
      { class: "account-who" },
      h("strong", null, (user && user.name) || "Signed in"),
      user && user.position ? h("span", null, user.position) : null,
      user && user.email ? h("span", null, user.email) : null,
    ),
    h("button", { type: "button", class: "menu-item", on: { click: confirmSignOut } }, icon("logout", 18), "Sign out"),
    h("button", { type: "button", class: "menu-item menu-danger", on: { click: confirmDelete } }, icon("trash", 18), "Delete my data"),
  );
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeAccountPanel(true);
  });
  nav.append(
    h("ul", { class: "nav-list" }, h("li", null, link("#/start", "New interview", "start")), h("li", null, link("#/history", "History", "history"))),
    h("div", { class: "account" }, button, panel),
  );
}

document.addEventListener("click", (e) => {
  if (!e.target.closest || !e.target.closest(".account")) closeAccountPanel(false);
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && document.activeElement && document.activeElement.closest(".account")) closeAccountPanel(true);
});

/** A modal confirmation built on <dialog>; resolves true when confirmed. */
export function confirmDialog({ title, body, confirm, danger = false, extra = null }) {
  const dialog = document.getElementById("dialog");
  return new Promise((resolve) => {
    const titleId = "dialog-title";
    const cancel = h("button", { type: "button", class: "btn btn-secondary", on: { click: () => dialog.close("cancel") } }, "Cancel");
    const ok = h("button", { type: "button", class: ["btn", danger ? "btn-danger" : "btn-primary"], on: { click: () => dialog.close("ok") } }, confirm);
    dialog.replaceChildren(
      h(
        "div",
        { class: "dialog-body" },
        h("h2", { id: titleId }, title),
        ...body.map((p) => h("p", null, p)),
        extra,
        h("div", { class: "dialog-actions" }, cancel, ok),
      ),
    );
    dialog.setAttribute("aria-labelledby", titleId);
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.showModal();
    cancel.focus();
  });
}

async function confirmSignOut() {
  closeAccountPanel(false);
  const token = app.token();
  const copy = h("button", { type: "button", class: "btn btn-secondary btn-small" }, icon("copy", 16), "Copy");
  const field = h("input", { class: "token-field", id: "token-copy", readonly: true, value: token, "aria-label": "Your access token" });
  copy.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(token);
      copy.lastChild.textContent = "Copied";
    } catch {
      copy.lastChild.textContent = "Selected: press Ctrl+C";
    }
  });
  const user = app.user();
  const ok = await confirmDialog({
    title: "Sign out?",
    body: [
      user && user.email
        ? "This browser will forget you. To come back, choose Sign in and use your email with the recovery key you saved, or this access token."
        : "This browser will forget you. This access token is your way back to your interviews and history: keep a copy, and choose Sign in to use it.",
    ],
    extra: h("div", null, h("div", { class: "token-row" }, field, copy), downloadKeysButton(() => ({ user, token, recoveryKey: null }), { label: "Download token", className: "btn btn-secondary btn-small" })),
    confirm: "Sign out",
  });
  if (ok) app.endSession("You are signed out. Your interviews are kept on the server; choose Sign in to see them again.");
}

async function confirmDelete() {
  closeAccountPanel(false);
  const ok = await confirmDialog({
    title: "Delete all your data?",
    body: [
      "This permanently deletes your profile, every interview, answer, score and report from the server. It cannot be undone.",
    ],
    confirm: "Delete everything",
    danger: true,
  });
  if (!ok) return;
  try {
    await api("/users/me", { method: "DELETE", token: app.token() });
    app.endSession("Your data has been deleted from the server and this browser.");
    announce("Your data has been deleted.");
  } catch (error) {
    app.flash = { text: `Your data could not be deleted: ${error.message}`, tone: "error" };
    route();
  }
}

// ---- routing -----------------------------------------------------------------------------

function defaultHash() {
  const { token, interviewId } = session.get();
  if (token && interviewId) return "#/interview";
  return "#/start";
}

async function route() {
  const hash = window.location.hash;
  if (hash && !hash.startsWith("#/")) return; // in-page anchors such as the skip link
  const match = ROUTES.map((r) => ({ r, m: hash.match(r.pattern) })).find((x) => x.m);
  if (!match) {
    window.history.replaceState(null, "", defaultHash());
    route();
    return;
  }
  const { r, m } = match;
  if (r.auth && !app.token()) {
    window.history.replaceState(null, "", "#/start");
    route();
    return;
  }
  const seq = ++routeSeq;
  if (current && current.cleanup) current.cleanup(r.screen);
  current = null;
  renderHeader(r.nav);
  main.setAttribute("aria-busy", "true");
  let view;
  try {
    view = await r.screen.render(app, m.slice(1));
  } catch (error) {
    if (seq !== routeSeq) return;
    view = {
      title: "Something went wrong",
      node: h("section", { class: "screen" }, h("h1", { tabindex: "-1" }, "Something went wrong"), app.errorBlock(error, () => route())),
    };
  }
  if (seq !== routeSeq) {
    if (view && view.cleanup) view.cleanup();
    return;
  }
  if (view.redirect) {
    window.history.replaceState(null, "", view.redirect);
    route();
    return;
  }
  current = view;
  if (!MEDIA_SCREENS.has(r.screen.name)) media.stopAll();
  pip.update(r.screen.name === "intro" || r.screen.name === "interview");
  const flash = app.flash;
  app.flash = null;
  main.replaceChildren(
    flash ? h("div", { class: ["notice", `notice-${flash.tone || "info"}`], role: "status" }, icon(flash.tone === "error" ? "alert" : "info"), h("p", null, flash.text)) : "",
    view.node,
  );
  main.removeAttribute("aria-busy");
  document.title = `${view.title} · Mock Interviewer`;
  document.body.dataset.screen = r.screen.name || "";
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
  if (view.mounted) view.mounted();
}

// Buttons marked aria-disabled keep their focus but do nothing.
document.addEventListener(
  "click",
  (e) => {
    const target = e.target.closest && e.target.closest('[aria-disabled="true"]');
    if (target) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  },
  true,
);

document.querySelector(".skip-link").addEventListener("click", (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener("hashchange", route);
route();

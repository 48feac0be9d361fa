// Right after registering: the recovery key and the token, to copy or save, before the setup.

import { downloadKeysButton, secretRow } from "../account.js";
import { h, icon } from "../dom.js";
import { session } from "../store.js";

export const name = "welcome";

const PENDING = "mi.newAccount";

/** Keep the new recovery key for this tab only, until the candidate moves on (a reload on
 * this screen must not lose it; closing the tab does). */
export function holdRecoveryKey(recoveryKey) {
  try {
    if (recoveryKey) window.sessionStorage.setItem(PENDING, recoveryKey);
    else window.sessionStorage.removeItem(PENDING);
  } catch {
    /* storage blocked: the key is still shown on this screen, from memory */
  }
}

function heldRecoveryKey(app) {
  try {
    return window.sessionStorage.getItem(PENDING) || app.newRecoveryKey || null;
  } catch {
    return app.newRecoveryKey || null;
  }
}

function forget(app) {
  app.newRecoveryKey = null;
  holdRecoveryKey(null);
}

export async function render(app) {
  const { token, user, plan } = session.get();
  const recoveryKey = heldRecoveryKey(app);
  const email = user && user.email;
  const keys = () => ({ user, token, recoveryKey });

  const keyCard = recoveryKey
    ? h(
        "section",
        { class: "card secret-card", "aria-labelledby": "key-title" },
        h("h2", { id: "key-title", class: "card-title" }, icon("shield", 20), "Your recovery key"),
        h("p", null, "With your email, ", h("strong", null, email), ", this key signs you in from any browser, even after this one forgets you. It is shown only now: the server keeps just a fingerprint of it."),
        secretRow({ id: "recovery-key", label: "Recovery key", value: recoveryKey, what: "recovery key", large: true }),
      )
    : null;
  const tokenCard = h(
    "section",
    { class: "card secret-card", "aria-labelledby": "token-title" },
    h("h2", { id: "token-title", class: "card-title" }, icon("user", 20), "Your access token"),
    h("p", null, "Signs you in on its own and authenticates API calls. While you are signed in here, the account menu shows it again."),
    secretRow({ id: "access-token", label: "Access token", value: token || "", what: "access token" }),
  );
  const note = email
    ? recoveryKey
      ? null
      : h("div", { class: "notice notice-info" }, icon("info"), h("p", null, "Your recovery key was shown when you registered and cannot be shown again. Your access token below still signs you in."))
    : h(
        "div",
        { class: "notice notice-info" },
        icon("info"),
        h("p", null, "You registered without an email, so there is no recovery key: this token is your only way back to your history. Download it and keep it somewhere safe."),
      );

  const next = plan ? "#/setup" : "#/start";
  const proceed = h("a", { class: "btn btn-primary btn-large", href: next }, "I have saved it, continue", icon("arrow-right"));
  proceed.addEventListener("click", () => forget(app));

  const node = h(
    "section",
    { class: "screen screen-welcome" },
    h("p", { class: "eyebrow" }, "Profile created"),
    h("h1", null, "Save your way back in"),
    h(
      "p",
      { class: "lead" },
      "There is no password here. This browser remembers you until its storage is cleared; after that, what you save now is the only way back to your interviews and history.",
    ),
    note,
    h("div", { class: "secret-grid" }, keyCard, tokenCard),
    h(
      "div",
      { class: "screen-actions" },
      downloadKeysButton(keys, { label: "Download as a text file" }),
      proceed,
    ),
  );
  return { title: "Save your way back in", node };
}

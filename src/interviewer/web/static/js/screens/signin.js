// Sign in again, from any browser: the email and recovery key from registration, or a token.

import { api, ApiError, friendly } from "../api.js";
import { h, icon, isDisabled, setDisabled } from "../dom.js";
import { field } from "../forms.js";

export const name = "signin";

function welcomeBack(app, user, token) {
  app.signedIn(user, token);
  app.flash = { text: `Welcome back, ${user.name}.`, tone: "success" };
  app.navigate("#/history", { replace: true });
}

function busy(button, on, label) {
  setDisabled(button, on);
  button.firstChild.textContent = on ? "Signing in…" : label;
}

function keyForm(app) {
  const email = h("input", { name: "email", type: "email", autocomplete: "email", maxlength: 320, spellcheck: "false" });
  const key = h("input", {
    name: "recovery_key",
    class: "key-input",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 100,
    placeholder: "XXXX-XXXX-XXXX-XXXX-XXXX",
  });
  const fields = {
    email: field({ id: "s-email", label: "Email", hint: "The one you gave when you created your profile.", control: email }),
    recovery_key: field({ id: "s-key", label: "Recovery key", hint: "20 letters and digits; dashes and case do not matter.", control: key }),
  };
  const status = h("div", { class: "status-slot" });
  const label = "Sign in";
  const button = h("button", { type: "submit", class: "btn btn-primary" }, label, icon("arrow-right"));
  const form = h("form", { class: "signin-form", novalidate: true }, status, fields.email, fields.recovery_key, h("div", { class: "form-actions" }, button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isDisabled(button)) return;
    status.replaceChildren();
    Object.values(fields).forEach((f) => f.setError(""));
    const body = { email: email.value.trim(), recovery_key: key.value.trim() };
    let first = null;
    if (!body.email) {
      fields.email.setError("Enter the email you registered with.");
      first = first || email;
    }
    if (!body.recovery_key) {
      fields.recovery_key.setError("Enter your recovery key.");
      first = first || key;
    }
    if (first) {
      first.focus();
      return;
    }
    busy(button, true, label);
    try {
      const signed = await api("/sessions", { method: "POST", body });
      welcomeBack(app, signed.user, signed.token);
    } catch (error) {
      busy(button, false, label);
      if (error instanceof ApiError && error.status === 422) {
        const messages = error.fieldMessages();
        const known = Object.keys(messages).filter((k) => fields[k]);
        known.forEach((k) => fields[k].setError(friendly(k, messages[k])));
        if (known.length) {
          fields[known[0]].control.focus();
          return;
        }
      }
      status.replaceChildren(app.errorBlock(error));
      key.focus();
    }
  });
  return form;
}

function tokenForm(app) {
  const token = h("input", { name: "token", class: "token-field", autocomplete: "off", spellcheck: "false" });
  const wrapper = field({ id: "f-token", label: "Your access token", hint: "From the file you saved, or the account menu of a browser where you are signed in.", control: token });
  const label = "Sign in with token";
  const button = h("button", { type: "submit", class: "btn btn-secondary" }, label);
  const form = h("form", { class: "token-form", novalidate: true }, wrapper, button);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isDisabled(button)) return;
    const value = token.value.trim();
    wrapper.setError("");
    if (!value) {
      wrapper.setError("Paste your token.");
      token.focus();
      return;
    }
    busy(button, true, label);
    try {
      const user = await api("/users/me", { token: value });
      welcomeBack(app, user, value);
    } catch (error) {
      busy(button, false, label);
      wrapper.setError(error.status === 401 ? "That token is not valid. Check it and try again." : error.message);
      token.focus();
    }
  });
  return form;
}

export async function render(app) {
  if (app.token()) return { redirect: "#/start" };
  const node = h(
    "section",
    { class: "screen screen-signin" },
    h(
      "div",
      { class: "signin-layout" },
      h(
        "div",
        { class: "signin-intro" },
        h("p", { class: "eyebrow" }, "Welcome back"),
        h("h1", null, "Sign in"),
        h("p", { class: "lead" }, "Your interviews and history are kept on this server. Sign in with the email and recovery key you saved when you created your profile, from this browser or any other."),
        h("p", { class: "muted" }, "New here? ", h("a", { href: "#/start" }, "Create a profile and start an interview"), "."),
      ),
      h(
        "div",
        null,
        h("section", { class: "card", "aria-labelledby": "signin-key-title" }, h("h2", { id: "signin-key-title", class: "card-title" }, "Email and recovery key"), keyForm(app)),
        h(
          "details",
          { class: "card signin-token" },
          h("summary", null, "Use your access token instead"),
          h("p", { class: "muted" }, "Registered without an email? Your token is your way back in."),
          tokenForm(app),
        ),
      ),
    ),
  );
  return { title: "Sign in", node };
}

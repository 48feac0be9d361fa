// Profile: who you are and what interview you want. Validated here and by the API.

import { api, ApiError, friendly } from "../api.js";
import { h, icon, initials, isDisabled, setDisabled } from "../dom.js";
import { choiceGroup, errorSummary, field } from "../forms.js";
import { session } from "../store.js";
import { holdRecoveryKey } from "./welcome.js";

export const name = "profile";

const LEVELS = [
  ["entry", "Entry"],
  ["junior", "Junior"],
  ["mid", "Mid-level"],
  ["senior", "Senior"],
  ["lead", "Lead"],
];
const MODES = [
  { value: "technical", title: "Technical", detail: "Knowledge and scenarios for the track" },
  { value: "behavioral", title: "Behavioral", detail: "Stories from your experience (STAR)" },
  { value: "mixed", title: "Mixed", detail: "A blend of both, like a real interview" },
];
const MAX_JD = 8000;

function select(name, options, value) {
  const el = h("select", { name }, ...options.map(([v, label]) => h("option", { value: v }, label)));
  el.value = value;
  return el;
}

function minutes(length) {
  const n = Number(length) || 0;
  return n > 0 ? `about ${Math.max(2, n * 2)}–${n * 3} minutes` : "";
}

export async function render(app) {
  const tracks = await app.tracks();
  const { token, user, interviewId } = session.get();
  const draft = { ...(session.get().draft || {}) };
  const signedIn = !!token;
  const pending = app.fieldErrors || {};
  app.fieldErrors = null;

  const remember = (key, value) => {
    draft[key] = value;
    session.update({ draft });
  };
  const input = (name, props = {}) => {
    const el = h("input", { name, ...props });
    el.value = draft[name] ?? props.value ?? "";
    el.addEventListener("input", () => remember(name, el.value));
    return el;
  };

  const fields = {};
  const about = [];
  if (!signedIn) {
    fields.name = field({ id: "f-name", label: "Your name", control: input("name", { autocomplete: "name", maxlength: 200 }) });
    fields.email = field({
      id: "f-email",
      label: "Email",
      optional: true,
      hint: "Lets you sign in again from any browser. Never used to contact you.",
      control: input("email", { type: "email", autocomplete: "email", maxlength: 320, spellcheck: "false" }),
    });
    fields.position = field({
      id: "f-position",
      label: "Role you are interviewing for",
      hint: "For example: Financial analyst, Backend developer.",
      control: input("position", { autocomplete: "organization-title", maxlength: 200 }),
    });
    fields.experience_level = field({ id: "f-level", label: "Experience level", control: select("experience_level", LEVELS, draft.experience_level || "mid") });
    fields.experience_years = field({
      id: "f-years",
      label: "Years of experience",
      optional: true,
      control: input("experience_years", { type: "number", inputmode: "numeric", min: 0, max: 60, step: 1 }),
    });
    about.push(fields.name, fields.email, fields.position, fields.experience_level, fields.experience_years);
  } else {
    fields.role = field({
      id: "f-role",
      label: "Role you are interviewing for",
      control: input("role", { maxlength: 200, value: (user && user.position) || "" }),
    });
    fields.level = field({ id: "f-level", label: "Experience level", control: select("level", LEVELS, draft.level || (user && user.experience_level) || "mid") });
    about.push(fields.role, fields.level);
  }
  for (const f of Object.values(fields)) {
    if (f.control.tagName === "SELECT") f.control.addEventListener("change", () => remember(f.control.name, f.control.value));
  }

  // Track and mode.
  const preferred = tracks.find((t) => t.modes.includes("technical")) || tracks[0];
  const initialTrack = tracks.some((t) => t.id === draft.track) ? draft.track : preferred && preferred.id;
  const modeGroup = choiceGroup({
    name: "mode",
    legend: "Interview mode",
    options: MODES,
    value: draft.mode || "technical",
    columns: "3",
    onChange: (v) => remember("mode", v),
  });
  // Formula practice: worksheet formula tasks only, on a track that has them (Excel).
  const formulaTasks = (trackId) => {
    const track = tracks.find((t) => t.id === trackId);
    return (track && track.kinds && track.kinds.excel_formula) || 0;
  };
  const formulaBox = h("input", { type: "checkbox", name: "formula_practice", id: "f-formula", class: "choice-input practice-input", "aria-describedby": "f-formula-detail" });
  formulaBox.checked = !!draft.formula_practice;
  const formulaMeta = h("span", { class: "choice-meta" });
  const formulaDetail = h("span", { class: "choice-detail", id: "f-formula-detail" });
  const formulaField = h(
    "div",
    { class: "practice-toggle" },
    h(
      "label",
      { class: "choice practice", for: "f-formula" },
      formulaBox,
      h(
        "span",
        { class: "choice-body" },
        h("span", { class: "choice-title" }, "Formula practice only"),
        formulaDetail,
        formulaMeta,
      ),
    ),
  );
  const formulaOn = () => !formulaField.hidden && formulaBox.checked;
  const syncFormula = (trackId) => {
    const n = formulaTasks(trackId);
    formulaField.hidden = !n;
    const track = tracks.find((t) => t.id === trackId);
    formulaDetail.textContent = `${track ? track.title : "This track"}, worksheet tasks only: write each formula, see it computed on the sheet and checked.`;
    formulaMeta.textContent = `${n} formula tasks · technical mode`;
  };
  const syncModes = (trackId) => {
    const track = tracks.find((t) => t.id === trackId);
    const allowed = formulaOn() ? new Set(["technical"]) : new Set(track ? track.modes : MODES.map((m) => m.value));
    modeGroup.inputs.forEach((inputEl) => {
      inputEl.disabled = !allowed.has(inputEl.value);
      inputEl.closest(".choice").classList.toggle("is-disabled", inputEl.disabled);
    });
    if (!allowed.has(modeGroup.value())) {
      const first = modeGroup.inputs.find((i) => !i.disabled);
      if (first) {
        first.checked = true;
        remember("mode", first.value);
      }
    }
  };
  const trackGroup = choiceGroup({
    name: "track",
    legend: "Track",
    hint: "Questions come from a curated bank for the track you choose.",
    options: tracks.map((t) => ({
      value: t.id,
      title: t.title,
      detail: t.description,
      meta: `${t.question_count} questions · ${t.topics.length} topics`,
    })),
    value: initialTrack,
    columns: "2",
    onChange: (v) => {
      remember("track", v);
      syncFormula(v);
      syncModes(v);
    },
  });
  formulaBox.addEventListener("change", () => {
    remember("formula_practice", formulaBox.checked);
    syncModes(trackGroup.value());
  });
  syncFormula(initialTrack);
  syncModes(initialTrack);
  fields.track = trackGroup;
  fields.mode = modeGroup;

  const lengthInput = input("length", { type: "number", inputmode: "numeric", min: 1, max: 30, step: 1, value: "8" });
  if (!lengthInput.value) lengthInput.value = "8";
  fields.length = field({ id: "f-length", label: "Number of questions", hint: `1 to 30; ${minutes(lengthInput.value)}.`, control: lengthInput });
  lengthInput.addEventListener("input", () => {
    const hint = fields.length.querySelector(".field-hint");
    hint.textContent = `1 to 30; ${minutes(lengthInput.value) || "choose how many"}.`;
  });

  const jd = h("textarea", { name: "job_description", rows: 4, maxlength: MAX_JD });
  jd.value = draft.job_description || "";
  const jdCount = h("span", { class: "counter", "aria-live": "off" });
  const countJd = () => {
    jdCount.textContent = `${jd.value.length} / ${MAX_JD}`;
  };
  countJd();
  jd.addEventListener("input", () => {
    remember("job_description", jd.value);
    countJd();
  });
  fields.job_description = field({
    id: "f-jd",
    label: "Job description",
    optional: true,
    hint: "Paste the job ad to keep the role in view.",
    control: jd,
    wide: true,
  });
  fields.job_description.append(jdCount);

  // Errors passed back from a failed start (intro screen), shown next to their fields.
  for (const [key, message] of Object.entries(pending)) {
    const target = fields[key] || (key === "role" ? fields.position : null) || (key === "level" ? fields.experience_level : null);
    if (target) target.setError(friendly(key, message));
  }

  const summarySlot = h("div", { class: "summary-slot" });
  const submit = h("button", { type: "submit", class: "btn btn-primary btn-large" }, "Continue to setup", icon("arrow-right"));
  const form = h(
    "form",
    { class: "card form-card", novalidate: true, "aria-labelledby": "profile-form-title" },
    h("p", { class: "eyebrow" }, "Step 1 of 3"),
    h("h2", { id: "profile-form-title", class: "card-title" }, signedIn ? "Your next interview" : "Your profile and interview"),
    summarySlot,
    signedIn
      ? h(
          "div",
          { class: "signed-in" },
          h("span", { class: "avatar avatar-large", "aria-hidden": "true" }, initials(user && user.name)),
          h("p", null, "Signed in as ", h("strong", null, (user && user.name) || "you"), user && user.position ? ` · ${user.position}` : ""),
        )
      : null,
    h("fieldset", { class: "group" }, h("legend", { class: "group-title" }, signedIn ? "The role" : "About you"), h("div", { class: "grid-2" }, ...about)),
    h("fieldset", { class: "group" }, h("legend", { class: "group-title" }, "The interview"), trackGroup, formulaField, modeGroup, h("div", { class: "grid-2" }, fields.length), fields.job_description),
    h("div", { class: "form-actions" }, submit),
  );

  const setBusy = (busy) => {
    setDisabled(submit, busy);
    form.setAttribute("aria-busy", String(busy));
    submit.firstChild.textContent = busy ? "Saving…" : "Continue to setup";
  };

  const showProblems = (problems) => {
    summarySlot.replaceChildren();
    if (!problems.length) return;
    const box = errorSummary(problems);
    summarySlot.append(box);
    box.focus();
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (isDisabled(submit)) return;
    Object.values(fields).forEach((f) => f.setError(""));
    const value = (key) => (fields[key] ? String(fields[key].control.value || "").trim() : "");
    const problems = [];
    const fail = (key, message) => {
      fields[key].setError(message);
      problems.push({ message, control: fields[key].control });
    };
    if (!signedIn) {
      if (!value("name")) fail("name", "Enter your name.");
      if (!value("position")) fail("position", "Enter the role you are interviewing for.");
      const years = value("experience_years");
      if (years && !/^\d+$/.test(years)) fail("experience_years", "Enter a whole number of years, or leave it empty.");
    } else if (!value("role")) {
      fail("role", "Enter the role you are interviewing for.");
    }
    if (!trackGroup.value()) fail("track", "Choose a track.");
    const length = value("length");
    if (!/^\d+$/.test(length) || Number(length) < 1 || Number(length) > 30) fail("length", "Choose between 1 and 30 questions.");
    if (problems.length) {
      showProblems(problems);
      return;
    }

    setBusy(true);
    let next = "#/setup";
    try {
      if (!signedIn) {
        const body = {
          name: value("name"),
          position: value("position"),
          experience_level: value("experience_level"),
        };
        if (value("email")) body.email = value("email");
        if (value("experience_years")) body.experience_years = Number(value("experience_years"));
        const created = await api("/users", { method: "POST", body });
        app.newRecoveryKey = created.recovery_key || null;
        holdRecoveryKey(app.newRecoveryKey);
        app.signedIn(created.user, created.token);
        next = "#/welcome"; // show the token and recovery key before anything else
      }
      const plan = {
        track: trackGroup.value(),
        mode: modeGroup.value(),
        length: Number(length),
        job_description: jd.value.trim(),
      };
      if (formulaOn()) plan.kind = "excel_formula";
      if (signedIn) {
        plan.role = value("role");
        plan.level = value("level");
      }
      session.update({ plan });
      app.navigate(next);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 422) {
        const messages = error.fieldMessages();
        const shown = [];
        for (const [key, message] of Object.entries(messages)) {
          if (fields[key]) {
            const text = friendly(key, message);
            fields[key].setError(text);
            shown.push({ message: text, control: fields[key].control });
          }
        }
        if (shown.length) {
          showProblems(shown);
          return;
        }
      }
      summarySlot.replaceChildren(app.errorBlock(error));
    }
  });

  const intro = h(
    "div",
    { class: "hero" },
    h("p", { class: "eyebrow" }, "Mock interviews that teach"),
    h("h1", null, "Practise the interview before the interview"),
    h(
      "p",
      { class: "lead" },
      "Answer one question at a time, by typing or by voice. Every answer is scored on technical depth, communication and confidence, with the key points you covered and the ones you missed.",
    ),
    h(
      "ul",
      { class: "feature-list" },
      h("li", null, icon("target"), h("span", null, h("strong", null, "Adaptive. "), "Questions get harder after strong answers and easier after weak ones.")),
      h("li", null, icon("check"), h("span", null, h("strong", null, "Specific feedback. "), "Scores, missed points, a model answer and resources after each question.")),
      h("li", null, icon("shield"), h("span", null, h("strong", null, "Private. "), "Camera and screen never leave your browser and are never scored.")),
    ),
    interviewId && signedIn
      ? h(
          "div",
          { class: "notice notice-info resume" },
          icon("play"),
          h("div", null, h("p", null, "You have an interview in progress."), h("a", { class: "btn btn-secondary btn-small", href: "#/interview" }, "Resume interview")),
        )
      : null,
    signedIn ? null : signInCallout(),
  );

  return {
    title: "Start",
    node: h("section", { class: "screen screen-profile" }, h("div", { class: "profile-layout" }, intro, form)),
  };
}

/** Come back from any browser: the sign-in screen takes the email and recovery key. */
function signInCallout() {
  return h(
    "div",
    { class: "signin-callout" },
    icon("user"),
    h(
      "div",
      null,
      h("p", null, h("strong", null, "Been here before? "), "Sign in with your email and recovery key, or your access token, to see your history."),
      h("a", { class: "btn btn-secondary btn-small", href: "#/signin" }, "Sign in"),
    ),
  );
}

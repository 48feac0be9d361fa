// Introduction: who the interviewer is, how long it takes, how scoring works. Then begin.

import { api, ApiError } from "../api.js";
import { h, icon, isDisabled, setDisabled } from "../dom.js";
import * as media from "../media.js";
import { session } from "../store.js";

export const name = "intro";

const LEVEL_NAMES = { entry: "entry-level", junior: "junior", mid: "mid-level", senior: "senior", lead: "lead" };

export async function render(app) {
  const { plan, user } = session.get();
  if (!plan) return { redirect: "#/start" };
  const trackTitle = await app.trackTitle(plan.track);
  let provider = "offline";
  try {
    const ready = await fetch("/readyz", { headers: { Accept: "application/json" } });
    if (ready.ok) provider = (await ready.json()).ai_provider || "offline";
  } catch {
    /* the interview can still start; the API will say if it cannot */
  }
  const n = plan.length;
  const role = plan.role || (user && user.position) || "the role";
  const level = LEVEL_NAMES[plan.level || (user && user.experience_level)] || "mid-level";
  const engine =
    provider === "offline"
      ? "Questions come from a curated bank and your answers are graded by the built-in offline engine, on this server. No AI service sees them."
      : `Questions come from a curated bank and your answers are graded with the help of the ${provider} AI service, with the offline engine as a fallback.`;
  const mediaOn = media.state();
  const mediaLine = [mediaOn.camera && "camera preview", mediaOn.screen && "screen sharing"].filter(Boolean);

  const status = h("div", { class: "status-slot", "aria-live": "polite" });
  const begin = h("button", { type: "button", class: "btn btn-primary btn-large" }, h("span", null, "Begin interview"), icon("arrow-right"));
  begin.addEventListener("click", async () => {
    if (isDisabled(begin)) return;
    setDisabled(begin, true);
    begin.firstChild.textContent = "Starting…";
    status.replaceChildren();
    const body = { track: plan.track, mode: plan.mode, length: plan.length, job_description: plan.job_description || "" };
    if (plan.role) body.role = plan.role;
    if (plan.level) body.level = plan.level;
    if (plan.kind) body.kind = plan.kind; // formula practice
    try {
      const started = await api("/interviews", { method: "POST", token: app.token(), body });
      session.update({ interviewId: started.interview.id });
      app.navigate("#/interview", { replace: true });
    } catch (error) {
      setDisabled(begin, false);
      begin.firstChild.textContent = "Begin interview";
      if (error instanceof ApiError && error.status === 422 && error.field) {
        app.fieldErrors = error.fieldMessages();
        app.flash = { text: "Please check the highlighted field and try again.", tone: "error" };
        app.navigate("#/start");
        return;
      }
      status.replaceChildren(app.errorBlock(error));
    }
  });

  const node = h(
    "section",
    { class: "screen screen-intro with-pip" },
    h("div", { class: "pip-slot", "data-pip-slot": "", hidden: true }),
    h(
      "div",
      { class: "screen-main" },
      h("p", { class: "eyebrow" }, "Step 3 of 3"),
      h("h1", null, "Meet your interviewer"),
      h(
        "div",
        { class: "card interviewer-card" },
        h("div", { class: "interviewer-avatar", "aria-hidden": "true" }, icon("logo", 34)),
        h(
          "div",
          null,
          h("p", { class: "interviewer-quote" }, `Hello${user && user.name ? `, ${user.name.split(/\s+/)[0]}` : ""}. I will be interviewing you for ${/^[aeio]/i.test(level) ? "an" : "a"} ${level} ${role} position on the ${trackTitle} track.`),
          h("p", { class: "muted" }, engine),
        ),
      ),
      h(
        "div",
        { class: "facts" },
        fact("target", "Questions", `${n} ${n === 1 ? "question" : "questions"}, one at a time. A weak answer may get one follow-up, which does not count toward the ${n}.`),
        fact("clock", "Time", `About ${Math.max(2, n * 2)}–${n * 3} minutes. Each question shows a timer, but there is no time limit.`),
        fact("trend", "Adaptive", "Questions get harder after strong answers and easier after weak ones, to find your level."),
        fact("mic", "Answering", "Type, or answer by voice and edit the transcript before sending. Press Ctrl+Enter to send."),
      ),
      h(
        "section",
        { class: "card scoring", "aria-labelledby": "scoring-title" },
        h("h2", { id: "scoring-title", class: "card-title" }, "How scoring works"),
        h(
          "ul",
          { class: "score-explainer" },
          h("li", null, h("span", { class: "dot tone-dim-technical" }), h("span", null, h("strong", null, "Technical"), " (1–10): the key points of a strong answer that you covered.")),
          h("li", null, h("span", { class: "dot tone-dim-communication" }), h("span", null, h("strong", null, "Communication"), " (1–10): structure, clarity and a length that fits the question.")),
          h("li", null, h("span", { class: "dot tone-dim-confidence" }), h("span", null, h("strong", null, "Confidence"), " (1–10): stating conclusions plainly rather than hedging.")),
        ),
        h("p", { class: "muted" }, "Your overall score (0–100) weighs technical 50%, communication 25% and confidence 25%. A hint costs one technical point; a skipped question counts as 1 for technical."),
      ),
      mediaLine.length
        ? h(
            "p",
            { class: "muted media-note" },
            icon("shield", 16),
            mediaLine.length === 1
              ? `Your ${mediaLine[0]} stays on; it is never recorded or scored.`
              : `Your ${mediaLine.join(" and ")} stay on; they are never recorded or scored.`,
          )
        : null,
      status,
      h(
        "div",
        { class: "screen-actions" },
        h("a", { class: "btn btn-ghost", href: "#/setup" }, icon("arrow-left", 18), "Back to setup"),
        begin,
      ),
    ),
  );
  return { title: "Introduction", node };
}

function fact(iconName, title, text) {
  return h("div", { class: "fact" }, h("span", { class: "fact-icon" }, icon(iconName, 20)), h("h2", { class: "fact-title" }, title), h("p", null, text));
}

// The interview: one question at a time, answered by typing or voice, graded, then feedback.

import { api, ApiError, download, friendly } from "../api.js";
import { announce, formatClock, h, humanize, icon, isDisabled, randomKey, setDisabled, shortTopic } from "../dom.js";
import { feedbackBody } from "../feedback.js";
import * as media from "../media.js";
import { sheetView } from "../sheet.js";
import { NO_VOICE, canSpeak, hasVoice, silence, speak } from "../speech.js";
import { Recorder, canRecord, joinTakes, transcribe, transcription } from "../voice.js";
import { prefs, questionState, session } from "../store.js";

export const name = "interview";

const KINDS = { conceptual: "Concept", scenario: "Scenario", behavioral: "Behavioral", excel_formula: "Excel formula" };
const MAX_ANSWER = 10000;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MAX_WORKBOOK = 2_000_000;


export async function render(app) {
  const { interviewId } = session.get();
  if (!interviewId) return { redirect: "#/start" };
  let interview;
  try {
    interview = await api(`/interviews/${interviewId}`, { token: app.token() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      session.update({ interviewId: null, feedback: null });
      app.flash = { text: "That interview could not be found. Start a new one below.", tone: "info" };
      return { redirect: "#/start" };
    }
    throw error;
  }
  if (interview.status === "completed") {
    session.update({ interviewId: null, feedback: null });
    return { redirect: `#/results/${interview.id}` };
  }
  if (interview.status !== "ongoing") {
    session.update({ interviewId: null, feedback: null });
    app.flash = { text: "That interview has ended. Start a new one below.", tone: "info" };
    return { redirect: "#/start" };
  }

  const topics = await app.topicTitles(interview.track);
  const trackTitle = await app.trackTitle(interview.track);
  const view = new InterviewView(app, interview, { topics, trackTitle });
  const pending = session.get().feedback;
  const current = interview.current_question;
  if (pending && pending.interviewId === interview.id && (pending.nextId === (current && current.id) || (!current && pending.done))) {
    view.showFeedback(pending, { restoring: true });
  } else if (current) {
    if (pending) session.update({ feedback: null }); // feedback of an earlier interview or turn
    view.showQuestion(current);
  } else {
    // Every question is settled: build the report.
    await view.finish();
    return { redirect: `#/results/${interview.id}` };
  }
  return {
    title: view.title,
    node: view.root,
    cleanup: () => view.destroy(),
    mounted: () => view.mounted(),
  };
}

class InterviewView {
  constructor(app, interview, { topics, trackTitle }) {
    this.app = app;
    this.interview = interview;
    this.topics = topics;
    this.trackTitle = trackTitle;
    this.progress = interview.progress;
    this.timer = 0;
    this.recorder = null;
    this.title = "Interview";
    this.progressText = h("span", { class: "progress-text" });
    this.timerSlot = h("span", { class: "timer-slot" });
    this.progressFill = h("div", { class: "progress-fill" });
    this.progressBar = h("div", { class: "progress-bar", role: "progressbar", "aria-label": "Interview progress", "aria-valuemin": 0 }, this.progressFill);
    this.body = h("div", { class: "interview-body" });
    this.mediaBar = h("div", { class: "media-bar" });
    this.root = h(
      "section",
      { class: "screen screen-interview with-pip" },
      h("div", { class: "pip-slot", "data-pip-slot": "", hidden: true }),
      h(
        "div",
        { class: "screen-main" },
        h(
          "div",
          { class: "interview-top" },
          h(
            "div",
            { class: "interview-where" },
            h("span", { class: "track-name" }, trackTitle),
            h("span", { class: "interview-status" }, this.timerSlot, this.progressText),
          ),
          this.progressBar,
        ),
        this.mediaBar,
        this.body,
      ),
    );
    this.unsubscribe = media.onMediaChange(() => this.renderMediaBar());
    this.renderMediaBar();
    this.renderProgress();
  }

  mounted() {
    if (this.pendingSpeech) {
      const text = this.pendingSpeech;
      this.pendingSpeech = null;
      if (!speak(text)) hasVoice().then((ok) => (ok ? speak(text) : this.noVoice && this.noVoice()));
    }
  }

  destroy() {
    window.clearInterval(this.timer);
    if (this.recorder) this.recorder.cancel();
    silence();
    this.unsubscribe();
  }

  renderProgress(shown) {
    const { planned } = this.progress;
    const asked = shown ?? this.progress.asked;
    this.progressText.textContent = `${Math.min(asked, planned)} of ${planned}`;
    this.progressBar.setAttribute("aria-valuemax", String(planned));
    this.progressBar.setAttribute("aria-valuenow", String(Math.min(asked, planned)));
    this.progressBar.setAttribute("aria-valuetext", `Question ${Math.min(asked, planned)} of ${planned}`);
    this.progressFill.style.transform = `scaleX(${planned ? Math.min(1, asked / planned) : 0})`;
  }

  /** Camera and screen controls that carry over from setup (and survive a reload as buttons). */
  renderMediaBar() {
    if (!this.cameraButton) {
      this.mediaNote = h("p", { class: "media-message", role: "status" });
      this.cameraButton = h("button", { type: "button", class: "btn btn-ghost btn-small" }, icon("camera", 16), h("span"));
      this.cameraButton.addEventListener("click", async () => {
        this.mediaNote.textContent = "";
        if (media.state().camera) {
          media.stop("camera");
          return;
        }
        setDisabled(this.cameraButton, true);
        try {
          await media.start("camera");
        } catch (error) {
          this.mediaNote.textContent = media.explain("camera", error);
        } finally {
          setDisabled(this.cameraButton, false);
        }
      });
      this.screenButton = h(
        "button",
        { type: "button", class: "btn btn-ghost btn-small", on: { click: () => media.stop("screen") } },
        h("span", { class: "live-dot", "aria-hidden": "true" }),
        "Sharing screen · Stop",
      );
      this.mediaBar.append(this.cameraButton, this.screenButton, this.mediaNote);
    }
    const state = media.state();
    this.cameraButton.lastChild.textContent = state.camera ? "Turn camera off" : "Turn camera on";
    this.screenButton.hidden = !state.screen;
  }

  // ---- a question --------------------------------------------------------------------------

  showQuestion(question) {
    window.clearInterval(this.timer);
    if (this.recorder) this.recorder.cancel();
    this.recorder = null;
    this.question = question;
    const saved = questionState.ensure(question.id, () => ({ startedAt: Date.now(), draft: "", key: randomKey(), inputMode: "text" }));
    const number = Math.min(this.progress.asked, this.progress.planned);
    this.title = question.follow_up ? `Follow-up to question ${number}` : `Question ${number} of ${this.progress.planned}`;
    document.title = `${this.title} · Mock Interviewer`;

    // Meta: topic, difficulty, kind, follow-up.
    const topic = question.topic_title || shortTopic(this.topics[question.topic] || humanize(question.topic));
    const difficulty = h(
      "span",
      { class: "chip chip-difficulty" },
      h("span", { class: "sr-only" }, `Difficulty ${question.difficulty} of 5`),
      h("span", { "aria-hidden": "true", class: "dots" }, ...[1, 2, 3, 4, 5].map((i) => h("span", { class: i <= question.difficulty ? "dot-on" : "dot-off" }))),
      h("span", { "aria-hidden": "true" }, `Level ${question.difficulty}`),
    );
    const meta = h(
      "ul",
      { class: "question-meta", "aria-label": "About this question" },
      question.follow_up ? h("li", { class: "chip chip-follow" }, "Follow-up") : null,
      h("li", { class: "chip chip-topic" }, topic),
      h("li", null, difficulty),
      h("li", { class: "chip" }, KINDS[question.kind] || humanize(question.kind)),
    );

    // Timer.
    const clock = h("span", { role: "timer", class: "timer-value" }, formatClock((Date.now() - saved.startedAt) / 1000));
    const timer = h("div", { class: "timer" }, icon("clock", 16), h("span", { class: "sr-only" }, "Time on this question: "), clock);
    this.timer = window.setInterval(() => {
      clock.textContent = formatClock((Date.now() - saved.startedAt) / 1000);
    }, 1000);

    // Tools: read aloud, hint, skip.
    const tools = h("div", { class: "question-tools" });
    if (canSpeak()) {
      const on = prefs.get().readAloud;
      const readAloud = h("button", { type: "button", class: "btn btn-ghost btn-small", "aria-pressed": String(on) }, icon("speaker", 16), "Read aloud");
      const readNote = h("p", { class: "read-aloud-note", role: "status" });
      this.noVoice = () => {
        readAloud.setAttribute("aria-pressed", "false");
        prefs.set({ readAloud: false });
        readNote.textContent = NO_VOICE;
      };
      readAloud.addEventListener("click", async () => {
        const next = readAloud.getAttribute("aria-pressed") !== "true";
        readAloud.setAttribute("aria-pressed", String(next));
        prefs.set({ readAloud: next });
        readNote.textContent = "";
        if (!next) {
          silence();
          return;
        }
        if (!speak(question.text)) {
          if (await hasVoice()) speak(question.text);
          else this.noVoice();
        }
      });
      tools.append(readAloud, readNote);
      if (on) this.pendingSpeech = question.text;
    }
    const hintBox = h("div", { class: "hint-slot", "aria-live": "polite" });
    const hintButton = h("button", { type: "button", class: "btn btn-ghost btn-small" }, icon("hint", 16), "Hint", h("span", { class: "btn-note" }, "costs 1 point"));
    const skipButton = h("button", { type: "button", class: "btn btn-ghost btn-small" }, icon("skip", 16), "Skip question");
    tools.append(hintButton, skipButton);

    const showHint = (text) => {
      setDisabled(hintButton, true);
      hintButton.classList.add("is-used");
      hintBox.replaceChildren(h("div", { class: "hint" }, icon("hint", 18), h("p", null, h("strong", null, "Hint: "), text)));
    };
    if (saved.hint) showHint(saved.hint);
    else if (question.hint_used) this.fetchHint(question, showHint);
    hintButton.addEventListener("click", () => this.fetchHint(question, showHint, hintButton));
    skipButton.addEventListener("click", () => this.skip(question, skipButton));

    // The answer form.
    const form = this.answerForm(question, saved);

    const questionId = "question-text";
    const card = h(
      "article",
      { class: "card question-card", "aria-labelledby": "question-heading" },
      h("div", { class: "question-head" }, meta),
      h("h1", { id: "question-heading", class: "question-heading" }, this.title),
      h("p", { id: questionId, class: "question-text" }, question.text),
      question.sheet ? sheetView(question.sheet) : null,
      tools,
      hintBox,
    );
    this.timerSlot.replaceChildren(timer);
    this.body.replaceChildren(card, form);
    this.renderProgress();
  }

  async fetchHint(question, show, button) {
    if (button) setDisabled(button, true);
    try {
      const { hint } = await api(`/interviews/${this.interview.id}/questions/${question.id}/hint`, { method: "POST", token: this.app.token() });
      questionState.update(question.id, { hint });
      show(hint);
      if (button) announce(`Hint: ${hint}`);
    } catch (error) {
      if (button) setDisabled(button, false);
      this.status.replaceChildren(this.app.errorBlock(error));
    }
  }

  async skip(question, button) {
    setDisabled(button, true);
    this.setStatus("working", "Skipping…");
    try {
      const next = await api(`/interviews/${this.interview.id}/questions/${question.id}/skip`, { method: "POST", token: this.app.token() });
      questionState.remove(question.id);
      this.progress = next.progress;
      announce("Question skipped.");
      if (next.current_question) this.showQuestion(next.current_question);
      else await this.finishAndShow();
      this.focusHeading();
    } catch (error) {
      setDisabled(button, false);
      this.handleError(error);
    }
  }

  answerForm(question, saved) {
    const textarea = h("textarea", {
      id: "answer",
      name: "answer",
      rows: question.sheet ? 3 : 8, // a formula is one line; room to see it, not a page
      maxlength: MAX_ANSWER,
      "aria-describedby": "answer-help question-text",
      placeholder: question.sheet ? "=" : "Take a moment, then answer as you would out loud.",
      spellcheck: "true",
    });
    if (question.sheet) textarea.classList.add("mono");
    textarea.value = saved.draft || "";
    let inputMode = saved.inputMode || "text";
    const counter = h("span", { class: "counter" });
    const count = () => {
      counter.textContent = `${textarea.value.length.toLocaleString()} / ${MAX_ANSWER.toLocaleString()}`;
    };
    count();
    textarea.addEventListener("input", () => {
      questionState.update(question.id, { draft: textarea.value });
      count();
      error.hidden = true;
      textarea.removeAttribute("aria-invalid");
    });

    const error = h("p", { class: "field-error", id: "answer-error", hidden: true });
    const voice = question.sheet ? h("span") : this.voiceControls(question, textarea, (take) => {
      inputMode = "voice";
      const takes = [...(questionState.get(question.id)?.takes || []), take];
      questionState.update(question.id, { inputMode, draft: textarea.value, takes });
      count();
    });
    const send = h("button", { type: "submit", class: "btn btn-primary" }, h("span", null, "Send answer"), icon("arrow-right", 18));
    this.status = h("div", { class: "status-slot", role: "status", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "card answer-card", novalidate: true },
      h("label", { for: "answer", class: "field-label" }, "Your answer"),
      h(
        "p",
        { id: "answer-help", class: "field-hint" },
        question.sheet ? "Write the formula, starting with =. " : "",
        h("span", { class: "keys-hint" }, "Press ", h("kbd", null, "Ctrl"), " + ", h("kbd", null, "Enter"), " to send."),
      ),
      error,
      textarea,
      h("div", { class: "answer-foot" }, voice, counter),
      question.sheet ? this.workbookControls(question) : null,
      this.status,
      h("div", { class: "answer-actions" }, send),
    );
    const submit = async () => {
      if (isDisabled(send)) return;
      const text = textarea.value.trim();
      if (!text) {
        error.replaceChildren(icon("alert", 16), h("span", null, "Write or say an answer first, or skip the question."));
        error.hidden = false;
        textarea.setAttribute("aria-invalid", "true");
        textarea.setAttribute("aria-describedby", "answer-error answer-help question-text");
        textarea.focus();
        return;
      }
      if (this.recorder && this.recorder.recording) return; // stop recording first
      await this.submitAnswer(question, { text, inputMode, saved, form, textarea, send, error });
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      submit();
    });
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
      }
    });
    return form;
  }

  /** Record an answer, have this server transcribe it, and put the text in the box to correct. */
  voiceControls(question, textarea, onTake) {
    const box = h("div", { class: "voice" });
    const unavailable = (text) =>
      box.replaceChildren(h("p", { class: "voice-unavailable" }, icon("info", 16), h("span", null, text)));
    if (!canRecord()) {
      unavailable("Voice answers are not available: this browser cannot record audio here. Type your answer instead.");
      return box;
    }
    const button = h("button", { type: "button", class: "btn btn-secondary btn-small voice-button", "aria-pressed": "false" }, icon("mic", 16), h("span", null, "Record answer"));
    setDisabled(button, true);
    const level = h("meter", { class: "voice-level", min: 0, max: 1, low: 0.05, value: 0, "aria-label": "Microphone level" });
    const elapsed = h("span", { class: "voice-elapsed", "aria-hidden": "true" }, "");
    const state = h("span", { class: "voice-state", role: "status", "aria-live": "polite" });
    box.replaceChildren(button, h("span", { class: "voice-meter", hidden: true }, level, elapsed), state);
    const meterBox = level.parentElement;
    let limit = 300;
    transcription().then((c) => {
      if (!c.available) {
        unavailable("Voice answers are not available: server transcription is not installed on this server. Type your answer instead.");
        return;
      }
      limit = c.max_seconds || limit;
      setDisabled(button, false);
    });
    const show = (recording) => {
      button.setAttribute("aria-pressed", String(recording));
      button.classList.toggle("is-listening", recording);
      button.lastChild.textContent = recording ? "Stop recording" : "Record answer";
      meterBox.hidden = !recording;
    };
    const stop = async () => {
      const recorder = this.recorder;
      if (!recorder || !recorder.recording) return;
      setDisabled(button, true);
      show(false);
      const take = await recorder.stop();
      state.textContent = "Transcribing your answer on this server…";
      try {
        const result = await transcribe({ interviewId: this.interview.id, questionId: question.id, blob: take.blob, token: this.app.token() });
        if (!result.text) {
          state.textContent = result.message || "No speech was heard. Record again, or type your answer.";
        } else {
          const joiner = textarea.value && !/\s$/.test(textarea.value) ? " " : "";
          textarea.value += joiner + result.text;
          onTake({ words: result.words, duration_seconds: result.duration_seconds });
          state.textContent = "Transcript added to your answer. Correct anything misheard, then send.";
          textarea.focus();
        }
      } catch (error) {
        if (error instanceof ApiError && error.status === 501) {
          unavailable("Voice answers are not available: server transcription is not installed on this server. Type your answer instead.");
          return;
        }
        state.textContent = `${error.message} Your typed answer is kept.`;
      } finally {
        setDisabled(button, false);
      }
    };
    button.addEventListener("click", async () => {
      if (isDisabled(button)) return;
      if (this.recorder && this.recorder.recording) {
        await stop();
        return;
      }
      this.recorder = new Recorder({
        maxSeconds: limit,
        onLevel: (v) => {
          level.value = v;
        },
        onTick: (seconds) => {
          elapsed.textContent = formatClock(seconds);
        },
        onAutoStop: () => {
          stop();
        },
      });
      state.textContent = "";
      try {
        await this.recorder.start();
      } catch (error) {
        this.recorder = null;
        state.textContent = media.explain("mic", error);
        return;
      }
      show(true);
      state.textContent = `Recording. Speak your answer, then press Stop recording (at most ${formatClock(limit)}).`;
    });
    return box;
  }

  setStatus(kind, text) {
    if (!this.status) return;
    if (!text) {
      this.status.replaceChildren();
      return;
    }
    this.status.replaceChildren(h("p", { class: ["working", `working-${kind}`] }, h("span", { class: "spinner", "aria-hidden": "true" }), text));
  }

  async submitAnswer(question, { text, inputMode, saved, form, textarea, send, error }) {
    form.setAttribute("aria-busy", "true");
    textarea.readOnly = true;
    setDisabled(send, true);
    send.firstChild.textContent = "Grading…";
    this.body.querySelectorAll(".question-tools button").forEach((b) => setDisabled(b, true));
    window.clearInterval(this.timer);
    this.setStatus("working", "Grading your answer…");
    const seconds = Math.min(86400, Math.max(0, (Date.now() - saved.startedAt) / 1000));
    try {
      const result = await api(`/interviews/${this.interview.id}/answers`, {
        method: "POST",
        token: this.app.token(),
        body: {
          question_id: question.id,
          text,
          input_mode: inputMode,
          seconds_taken: Math.round(seconds * 10) / 10,
          idempotency_key: saved.key,
          delivery: inputMode === "voice" ? joinTakes((questionState.get(question.id) || {}).takes || []) : undefined,
        },
      });
      this.graded(question, result);
    } catch (err) {
      form.removeAttribute("aria-busy");
      textarea.readOnly = false;
      setDisabled(send, false);
      send.firstChild.textContent = "Send answer";
      this.body.querySelectorAll(".question-tools button:not(.is-used)").forEach((b) => setDisabled(b, false));
      this.setStatus();
      if (err instanceof ApiError && err.status === 422 && err.field === "text") {
        error.replaceChildren(icon("alert", 16), h("span", null, friendly("text", err.message)));
        error.hidden = false;
        textarea.setAttribute("aria-invalid", "true");
        textarea.focus();
        return;
      }
      this.handleError(err);
    }
  }

  /** An answer was graded: remember the feedback (for a reload) and show it. */
  graded(question, result) {
    questionState.remove(question.id);
    const number = Math.min(this.progress.asked, this.progress.planned);
    this.progress = result.progress;
    const feedback = {
      interviewId: this.interview.id,
      questionId: question.id,
      question,
      evaluation: result.evaluation,
      nextId: result.next_question ? result.next_question.id : null,
      next: result.next_question,
      done: result.done,
      progress: result.progress,
      number,
    };
    session.update({ feedback });
    this.showFeedback(feedback);
    const e = result.evaluation;
    announce(
      e.communication === null
        ? `Answer graded. Technical ${e.technical} of 10; ${(e.cells || []).filter((c) => c.ok).length} of ${(e.cells || []).length} cells match.`
        : `Answer graded. Technical ${e.technical} of 10, communication ${e.communication} of 10, confidence ${e.confidence} of 10.`,
    );
  }

  /** Formula tasks: download the sheet as .xlsx, or answer by uploading it filled in. */
  workbookControls(question) {
    const path = `/interviews/${this.interview.id}/questions/${question.id}/workbook`;
    const error = h("p", { class: "field-error", id: "workbook-error", hidden: true });
    const fail = (message) => {
      error.replaceChildren(h("span", null, message));
      error.hidden = false;
    };
    const get = h("button", { type: "button", class: "btn btn-secondary btn-small" }, icon("download", 16), "Download the sheet (.xlsx)");
    get.addEventListener("click", async () => {
      error.hidden = true;
      setDisabled(get, true);
      try {
        await download(path, this.app.token(), "task.xlsx");
      } catch (err) {
        fail(err.message);
      } finally {
        setDisabled(get, false);
      }
    });
    const file = h("input", { type: "file", id: "workbook-file", accept: `.xlsx,${XLSX}`, "aria-describedby": "workbook-help workbook-error" });
    file.addEventListener("change", async () => {
      error.hidden = true;
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      if (chosen.size > MAX_WORKBOOK) {
        fail("That file is over 2 MB; save just the task's sheet and try again.");
        return;
      }
      file.disabled = true;
      this.setStatus("working", "Checking the formulas in your workbook…");
      try {
        const result = await api(path, { method: "POST", token: this.app.token(), file: new Blob([chosen], { type: XLSX }) });
        this.graded(question, result);
      } catch (err) {
        file.disabled = false;
        file.value = "";
        this.setStatus();
        if (err instanceof ApiError && (err.status === 422 || err.status === 413)) fail(err.message);
        else this.handleError(err);
      }
    });
    return h(
      "div",
      { class: "workbook" },
      h("p", { class: "workbook-title" }, icon("screen", 16), "Prefer Excel?"),
      h(
        "p",
        { id: "workbook-help", class: "field-hint" },
        `Download the sheet, write your formula in ${question.sheet.target}, save it and upload it here: it is sent as your answer. Formulas are recalculated on the server; macros never run.`,
      ),
      h("div", { class: "workbook-actions" }, get, h("div", { class: "file-field" }, h("label", { for: "workbook-file", class: "field-label" }, "Upload your filled-in workbook"), file)),
      error,
    );
  }

  handleError(error) {
    if (error instanceof ApiError && error.status === 409) {
      // The interview moved on elsewhere (another tab): reload its state.
      this.app.flash = { text: error.message, tone: "info" };
      this.app.navigate("#/interview", { replace: true });
      return;
    }
    this.setStatus();
    if (this.status) this.status.replaceChildren(this.app.errorBlock(error));
  }

  // ---- feedback ----------------------------------------------------------------------------

  showFeedback(feedback, { restoring = false } = {}) {
    window.clearInterval(this.timer);
    if (this.recorder) this.recorder.cancel();
    this.recorder = null;
    this.status = null;
    this.progress = feedback.progress;
    this.renderProgress(feedback.number);
    this.timerSlot.replaceChildren();
    const which = feedback.question.follow_up ? "the follow-up" : `question ${feedback.number}`;
    this.title = `Feedback on ${which}`;
    document.title = `${this.title} · Mock Interviewer`;
    const nextLabel = feedback.done ? "See your results" : feedback.next && feedback.next.follow_up ? "Continue to the follow-up" : "Next question";
    const next = h("button", { type: "button", class: "btn btn-primary btn-large" }, h("span", null, nextLabel), icon("arrow-right"));
    const status = h("div", { class: "status-slot", role: "status", "aria-live": "polite" });
    next.addEventListener("click", async () => {
      session.update({ feedback: null });
      if (feedback.done || !feedback.next) {
        if (isDisabled(next)) return;
        setDisabled(next, true);
        next.firstChild.textContent = "Building your report…";
        status.replaceChildren(h("p", { class: "working" }, h("span", { class: "spinner", "aria-hidden": "true" }), "Building your report…"));
        try {
          await this.finishAndShow();
        } catch (error) {
          setDisabled(next, false);
          next.firstChild.textContent = nextLabel;
          status.replaceChildren(this.app.errorBlock(error));
        }
        return;
      }
      this.showQuestion(feedback.next);
      this.focusHeading();
      this.mounted();
    });
    const card = h(
      "article",
      { class: "card feedback-card", "aria-labelledby": "feedback-heading" },
      h("p", { class: "eyebrow" }, "Graded"),
      h("h1", { id: "feedback-heading" }, this.title),
      h("p", { class: "question-recap" }, feedback.question.text),
      feedbackBody(feedback.evaluation, { level: 2 }),
      status,
      h("div", { class: "screen-actions" }, next),
    );
    this.body.replaceChildren(card);
    if (!restoring) this.focusHeading();
  }

  focusHeading() {
    const heading = this.body.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
  }

  async finish() {
    await api(`/interviews/${this.interview.id}/finalize`, { method: "POST", token: this.app.token() });
    session.update({ interviewId: null, feedback: null });
  }

  async finishAndShow() {
    await this.finish();
    this.app.navigate(`#/results/${this.interview.id}`);
  }
}

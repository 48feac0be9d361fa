// Results: overall score, charts of the dimensions and topics, strengths, areas, every answer.

import { api, ApiError, optionalDownload } from "../api.js";
import { barChart, scoreRing } from "../charts.js";
import { formatDate, formatDuration, h, humanize, icon, shortTopic } from "../dom.js";
import { DIMENSIONS, feedbackBody, resourceList } from "../feedback.js";
import { session } from "../store.js";
import { base64Item } from "../exports.js";

export const name = "results";

const SHORT = { technical: "Tech", communication: "Comm", confidence: "Conf" };

function band(overall) {
  if (overall >= 80) return "An excellent performance";
  if (overall >= 65) return "A solid performance";
  if (overall >= 45) return "A developing performance";
  return "An early-stage performance";
}


/**
 * Reports finalized before topics had display names wrote their ids ("Sql joins (6.0/10)");
 * those lines read with the names too. New reports are written with them (core/formatting.py).
 */
function withTopicNames(lines, topicName) {
  return lines.map((line) => {
    const m = /^([a-z][a-z0-9 ]*) (\(\d+(?:\.\d)?\/10\).*)$/i.exec(line);
    if (!m) return line;
    const slug = m[1].toLowerCase().replace(/ /g, "-");
    const name = topicName(slug);
    return name && name.toLowerCase() !== m[1].toLowerCase() ? `${name} ${m[2]}` : line;
  });
}

async function loadReport(app, id) {
  const token = app.token();
  try {
    return await api(`/interviews/${id}/report`, { token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
  }
  const interview = await api(`/interviews/${id}`, { token });
  if (interview.ready_to_finalize) return api(`/interviews/${id}/finalize`, { method: "POST", token });
  return { unfinished: interview };
}

export async function render(app, [id]) {
  const report = await loadReport(app, id);
  if (report.unfinished) {
    const resume = h("button", { type: "button", class: "btn btn-primary" }, "Resume interview", icon("arrow-right"));
    resume.addEventListener("click", () => {
      session.update({ interviewId: id });
      app.navigate("#/interview");
    });
    return {
      title: "Interview in progress",
      node: h(
        "section",
        { class: "screen" },
        h("h1", null, "This interview is still in progress"),
        h("p", { class: "lead" }, "The report is ready once every question is answered or skipped."),
        h("div", { class: "screen-actions" }, resume),
      ),
    };
  }
  const [interview, topics, trackTitle] = await Promise.all([
    api(`/interviews/${id}`, { token: app.token() }),
    app.topicTitles(report.track),
    app.trackTitle(report.track),
  ]);
  // Display names from the server (core/formatting.py topic_title), the same as in the PDFs.
  const topicName = (t, title) => title || (report.topic_titles || {})[t] || shortTopic(topics[t] || humanize(t));
  const knownTopic = (t) => (t in report.topic_scores ? topicName(t) : null);
  const objectUrls = [];

  // Hero: the score and the summary.
  // The planned questions, with follow-ups apart: "10 of 10" answered, never "12 of 13".
  const counts = report.counts || { main: report.question_count, answered: report.answered_count, skipped: report.skipped_count, follow_ups: 0 };
  const stats = [
    ["Answered", `${counts.answered} of ${counts.main}`],
    counts.follow_ups ? ["Follow-ups", counts.follow_ups] : null,
    ["Skipped", counts.skipped],
    ["Hints", report.hints_used],
    ["Duration", formatDuration(report.duration_seconds)],
  ].filter(Boolean);
  const hero = h(
    "section",
    { class: "card results-hero", "aria-labelledby": "band-title" },
    h("div", { class: "hero-ring" }, scoreRing(report.overall)),
    h(
      "div",
      { class: "hero-text" },
      h("h2", { id: "band-title", class: "band-title" }, band(report.overall)),
      h("p", null, report.summary),
      h("p", { class: "chip chip-level" }, `Answers consistent with ${/^[aeio]/i.test(report.level_estimate) ? "an" : "a"} ${report.level_estimate}-level candidate`),
      h("dl", { class: "stats" }, ...stats.map(([k, v]) => h("div", { class: "stat" }, h("dt", null, k), h("dd", null, String(v))))),
    ),
  );

  const dimensionItems = DIMENSIONS.filter(([key]) => report.averages[key] !== undefined).map(([key, label]) => ({ label, value: report.averages[key], max: 10, tone: `dim-${key}` }));
  const topicItems = Object.entries(report.topic_scores).map(([t, v]) => ({ label: topicName(t), value: v, max: 10 }));
  const card = (title, ...content) => {
    const idTitle = `r-${title.toLowerCase().replace(/\W+/g, "-")}`;
    return h("section", { class: "card", "aria-labelledby": idTitle }, h("h2", { id: idTitle, class: "card-title" }, title), ...content);
  };
  const list = (items, empty, cls) =>
    items.length ? h("ul", { class: ["plain-list", cls] }, ...items.map((t) => h("li", null, t))) : h("p", { class: "muted" }, empty);

  // Downloads: JSON always; PDF and Markdown when the server offers them.
  const downloads = h("ul", { class: "download-list" });
  const jsonUrl = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: "application/json" }));
  objectUrls.push(jsonUrl);
  const downloadLink = (href, label, filename, detail) =>
    h("li", null, h("a", { class: "download", href, download: filename }, icon("download", 18), h("span", null, h("strong", null, label), h("span", { class: "download-detail" }, detail))));
  downloads.append(downloadLink(jsonUrl, "JSON", `interview-${id}.json`, "Machine-readable data"));
  const optional = [
    [`/interviews/${id}/report.pdf?kind=full`, "PDF report", `interview-report-${id}.pdf`, "Every question with feedback"],
    [`/interviews/${id}/report.pdf?kind=summary`, "PDF summary", `interview-summary-${id}.pdf`, "One page"],
    [`/interviews/${id}/report.md`, "Markdown", `interview-report-${id}.md`, "Plain text for notes"],
  ];
  const pending = optional.map(async ([path, label, filename, detail]) => {
    const file = await optionalDownload(path, app.token(), filename);
    if (!file) return null;
    objectUrls.push(file.url);
    return downloadLink(file.url, label, file.filename, detail);
  });
  Promise.all(pending).then((links) => {
    const found = links.filter(Boolean);
    if (links[0]) found.splice(links[1] ? 2 : 1, 0, base64Item(app, id)); // next to the PDFs
    downloads.prepend(...found);
  });

  // Every question with its feedback.
  let mainNumber = 0; // follow-ups are marked ↳ and do not take a number
  const turns = interview.turns.map((turn) => {
    const q = turn.question;
    if (!q.follow_up) mainNumber += 1;
    const e = turn.evaluation;
    const scores = e
      ? h("span", { class: "turn-scores" }, ...DIMENSIONS.filter(([key]) => e[key] !== null && e[key] !== undefined).map(([key, label]) => h("span", { class: "mini-score" }, h("span", { class: "sr-only" }, `${label} `), h("span", { "aria-hidden": "true" }, SHORT[key]), ` ${e[key]}`)))
      : h("span", { class: "chip" }, q.skipped ? "Skipped" : "Not answered");
    return h(
      "details",
      { class: "turn" },
      h(
        "summary",
        null,
        h("span", { class: "turn-number" }, q.follow_up ? "↳" : String(mainNumber)),
        h("span", { class: "turn-title" }, h("span", { class: "turn-topic" }, `${topicName(q.topic, q.topic_title)}${q.follow_up ? " · follow-up" : ""}`), h("span", { class: "turn-text" }, q.text)),
        scores,
      ),
      h(
        "div",
        { class: "turn-body" },
        e
          ? feedbackBody(e, { level: 3, answer: turn.answer ? turn.answer.text : null, reference: turn.reference })
          : turn.reference
            ? h("div", { class: "fb-section" }, h("h3", { class: "fb-title" }, icon("book", 18), "A strong answer"), h("p", { class: "pre-line" }, turn.reference))
            : null,
      ),
    );
  });

  const node = h(
    "section",
    { class: "screen screen-results" },
    h("p", { class: "eyebrow" }, trackTitle.toLowerCase() === String(report.role).toLowerCase() ? trackTitle : `${trackTitle} · ${report.role}`),
    h("h1", null, "Your results"),
    h("p", { class: "muted" }, `Finished ${formatDate(report.finished_at, { withTime: true })}`),
    hero,
    h(
      "div",
      { class: "grid-2" },
      card("Scores by dimension", barChart({ items: dimensionItems, title: "Average score by dimension, out of 10" })),
      card("Scores by topic", topicItems.length ? barChart({ items: topicItems, title: "Technical score by topic, out of 10" }) : h("p", { class: "muted" }, "No topic was graded.")),
    ),
    h(
      "div",
      { class: "grid-2" },
      card("Strengths", list(withTopicNames(report.strengths, knownTopic), "Strengths show up once answers score 7 or more.", "list-good")),
      card("Areas to improve", list(withTopicNames(report.areas_to_improve, knownTopic), "Nothing stood out as weak. Try a harder level next time.", "list-improve")),
    ),
    report.resources.length ? card("Resources to study", resourceList(report.resources)) : null,
    card("Download the report", downloads),
    h("section", { class: "turns", "aria-labelledby": "turns-title" }, h("h2", { id: "turns-title" }, "Question by question"), ...turns),
    h(
      "div",
      { class: "screen-actions" },
      h("a", { class: "btn btn-secondary", href: "#/history" }, icon("trend", 18), "See your progress"),
      h("a", { class: "btn btn-primary btn-large", href: "#/start" }, "Start a new interview", icon("arrow-right")),
    ),
  );

  // On paper every question shows its feedback: closed ones open for the print, then close.
  const openForPrint = () =>
    node.querySelectorAll("details:not([open])").forEach((d) => {
      d.dataset.printOpened = "";
      d.open = true;
    });
  const closeAfterPrint = () =>
    node.querySelectorAll("details[data-print-opened]").forEach((d) => {
      delete d.dataset.printOpened;
      d.open = false;
    });
  window.addEventListener("beforeprint", openForPrint);
  window.addEventListener("afterprint", closeAfterPrint);

  return {
    title: "Results",
    node,
    cleanup() {
      objectUrls.forEach((u) => URL.revokeObjectURL(u));
      window.removeEventListener("beforeprint", openForPrint);
      window.removeEventListener("afterprint", closeAfterPrint);
    },
  };
}

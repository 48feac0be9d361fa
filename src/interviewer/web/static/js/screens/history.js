// History: progress per track (never one line across tracks) and the list of past interviews.

import { api } from "../api.js";
import { lineChart, multiLineChart } from "../charts.js";
import { formatDate, h, humanize, icon } from "../dom.js";
import { session } from "../store.js";

export const name = "history";

const STATUS = { ongoing: "In progress", completed: "Completed", abandoned: "Abandoned" };
const DIMENSIONS = [
  ["technical", "Technical", "circle"],
  ["communication", "Communication", "square"],
  ["confidence", "Confidence", "diamond"],
];
const SHORT = { technical: "Tech.", communication: "Comm.", confidence: "Conf." };

function signed(value, unit = "") {
  const v = Math.round(value * 10) / 10;
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v)}${unit}`;
}

function tone(value) {
  return value > 0 ? "change-up" : value < 0 ? "change-down" : "change-flat";
}

function one(value) {
  return value === undefined || value === null ? "—" : (Math.round(value * 10) / 10).toFixed(1);
}

/** Dates on the axis; times when every point is on the same day. */
function axisFormat(dates) {
  const days = new Set(dates.map((d) => d.toDateString()));
  if (days.size === 1 && dates.length > 1) return (d) => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (d) => d.toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

function seriesTitle(series, trackTitle) {
  const title = trackTitle(series.track);
  return series.kind === "excel_formula" ? `${title}: formula practice` : title;
}

/** What the change figure compares, in words. */
function basis(change) {
  return change.compared_with === 1
    ? `Latest interview against your first in this track (${Math.round(change.earlier_overall)} of 100).`
    : `Latest interview against the average of your ${change.compared_with} earlier interviews in this track (${one(change.earlier_overall)} of 100).`;
}

function changeList(change) {
  const items = [["Overall", change.overall, " pts"], ...DIMENSIONS.filter(([key]) => key in change.dimensions).map(([key, label]) => [label, change.dimensions[key], ""])];
  return h(
    "ul",
    { class: "change-list", "aria-label": "Change in this track" },
    ...items.map(([label, value, unit]) => h("li", { class: ["change", tone(value)] }, h("span", { class: "change-label" }, label), h("strong", null, signed(value, unit)))),
  );
}

function legend(keys) {
  return h(
    "ul",
    { class: "chart-legend", "aria-hidden": "true" },
    ...DIMENSIONS.filter(([key]) => keys.has(key)).map(([key, label, marker]) => h("li", { class: `series-${key}` }, h("span", { class: `legend-mark legend-${marker}` }), label)),
  );
}

function scoresTable(series, title) {
  const present = DIMENSIONS.filter(([key]) => series.points.some((p) => key in p.averages));
  return h(
    "details",
    { class: "track-table" },
    h("summary", null, "Scores by interview"),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "scores-table" },
        h("caption", { class: "sr-only" }, `${title}: scores of each interview`),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "Finished"), h("th", { scope: "col" }, "Overall"), ...present.map(([key, label]) => h("th", { scope: "col" }, h("span", { class: "th-long" }, label), h("span", { class: "th-short", "aria-hidden": "true" }, SHORT[key]))))),
        h(
          "tbody",
          null,
          ...[...series.points].reverse().map((p) =>
            h(
              "tr",
              null,
              h("th", { scope: "row" }, formatDate(p.finished_at)),
              h("td", null, `${p.overall}`),
              ...present.map(([key]) => h("td", null, one(p.averages[key]))),
            ),
          ),
        ),
      ),
    ),
  );
}

function trackCard(series, trackTitle, index) {
  const title = seriesTitle(series, trackTitle);
  const titleId = `track-${index}-title`;
  const points = series.points;
  const latest = points[points.length - 1];
  const dates = points.map((p) => new Date(p.finished_at));
  const formatX = axisFormat(dates);
  const count = `${series.interviews} ${series.interviews === 1 ? "interview" : "interviews"}`;
  const head = h(
    "div",
    { class: "track-head" },
    h("div", null, h("h3", { id: titleId, class: "track-title" }, title), h("p", { class: "muted" }, `${count} · latest ${formatDate(latest.finished_at)}`)),
    h("p", { class: "track-score" }, h("strong", null, String(latest.overall)), h("span", { class: "muted" }, " / 100"), h("span", { class: "sr-only" }, " latest overall score")),
  );

  if (!series.change) {
    const dims = DIMENSIONS.filter(([key]) => key in latest.averages);
    return h(
      "article",
      { class: "card track-card track-first", "aria-labelledby": titleId },
      head,
      h("p", { class: "track-note" }, icon("info", 18), h("span", null, "First interview in this track: finish another to see how you change. Scores from other tracks are not compared with it.")),
      h("ul", { class: "dim-scores" }, ...dims.map(([key, label, marker]) => h("li", { class: `series-${key}` }, h("span", { class: `legend-mark legend-${marker}`, "aria-hidden": "true" }), h("span", null, label), h("strong", null, one(latest.averages[key]))))),
    );
  }

  const overall = lineChart({
    points: points.map((p, i) => ({ date: dates[i], value: p.overall, label: `${formatDate(p.finished_at)}: ${p.overall} of 100` })),
    title: `${title}: overall score of each interview, out of 100`,
    formatX,
    height: 200,
  });
  const measured = new Set(DIMENSIONS.map(([key]) => key).filter((key) => points.some((p) => key in p.averages)));
  const dimensions = multiLineChart({
    series: DIMENSIONS.filter(([key]) => measured.has(key)).map(([key, label, marker]) => ({
      key,
      label,
      marker,
      points: points.flatMap((p, i) => (key in p.averages ? [{ i, value: p.averages[key], label: `${label} ${one(p.averages[key])} on ${formatDate(p.finished_at)}` }] : [])),
    })),
    dates,
    title: `${title}: technical, communication and confidence averages of each interview, out of 10`,
    formatX,
  });
  return h(
    "article",
    { class: "card track-card", "aria-labelledby": titleId },
    head,
    h("div", { class: "track-change" }, changeList(series.change), h("p", { class: "muted change-basis" }, basis(series.change))),
    h(
      "div",
      { class: "track-charts" },
      h("figure", { class: "track-chart" }, h("figcaption", null, "Overall (0–100)"), overall),
      h("figure", { class: "track-chart" }, h("figcaption", null, "By dimension (1–10)"), dimensions, legend(measured)),
    ),
    scoresTable(series, title),
  );
}

export async function render(app) {
  const token = app.token();
  const [items, progress, tracks] = await Promise.all([
    api("/users/me/interviews", { token }),
    api("/users/me/progress", { token }),
    app.tracks().catch(() => []),
  ]);
  const trackTitle = (id) => (tracks.find((t) => t.id === id) || { title: humanize(id) }).title;
  const sorted = [...items].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  const series = progress.tracks || [];

  const progressCard = h(
    "section",
    { class: "progress-section", "aria-labelledby": "progress-title" },
    h("h2", { id: "progress-title", class: "section-title" }, "Progress by track"),
    series.length
      ? h("p", { class: "muted section-lead" }, series.length > 1 ? "Each track is scored on its own questions, so each has its own trend; scores are never compared across tracks." : "Scores are compared within a track only, never across tracks.")
      : h("div", { class: "card" }, h("p", { class: "muted" }, "Finish an interview to start your progress chart.")),
    ...series.map((s, i) => trackCard(s, trackTitle, i)),
  );

  const rows = sorted.map((item) => {
    let action;
    if (item.status === "completed") action = h("a", { class: "btn btn-secondary btn-small", href: `#/results/${item.id}` }, "View results");
    else if (item.status === "ongoing") {
      action = h("button", { type: "button", class: "btn btn-secondary btn-small" }, "Resume");
      action.addEventListener("click", () => {
        session.update({ interviewId: item.id, feedback: null });
        app.navigate("#/interview");
      });
    }
    const practice = item.kind === "excel_formula" ? " · formula practice" : "";
    return h(
      "li",
      { class: "history-item" },
      h(
        "div",
        { class: "history-main" },
        h("h3", { class: "history-title" }, trackTitle(item.track)),
        h("p", { class: "muted" }, `${formatDate(item.created_at)} · ${item.role} · ${humanize(item.mode)}${practice} · ${item.question_count} ${item.question_count === 1 ? "question" : "questions"}`),
      ),
      h("span", { class: ["chip", `status-${item.status}`] }, STATUS[item.status] || item.status),
      h("span", { class: "history-score" }, item.overall === null || item.overall === undefined ? "—" : h("span", null, h("strong", null, String(item.overall)), h("span", { class: "muted" }, " / 100"))),
      action || h("span"),
    );
  });

  const node = h(
    "section",
    { class: "screen screen-history" },
    h("p", { class: "eyebrow" }, "History"),
    h("h1", null, "Your progress"),
    progressCard,
    h(
      "section",
      { class: "card", "aria-labelledby": "past-title" },
      h("h2", { id: "past-title", class: "card-title" }, "Past interviews"),
      rows.length
        ? h("ul", { class: "history-list" }, ...rows)
        : h("div", { class: "empty" }, h("p", null, "No interviews yet."), h("a", { class: "btn btn-primary", href: "#/start" }, "Start your first interview", icon("arrow-right"))),
    ),
  );
  return { title: "History", node };
}

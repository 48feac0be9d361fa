// History: past interviews and a chart of progress over time.

import { api } from "../api.js";
import { lineChart } from "../charts.js";
import { formatDate, h, humanize, icon } from "../dom.js";
import { session } from "../store.js";

export const name = "history";

const STATUS = { ongoing: "In progress", completed: "Completed", abandoned: "Abandoned" };
const CHANGE_LABELS = { overall: "Overall", technical: "Technical", communication: "Communication", confidence: "Confidence" };

function signed(value, unit) {
  const v = Math.round(value * 10) / 10;
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v)}${unit}`;
}

/** Dates on the axis; times when every point is on the same day. */
function axisFormat(points) {
  const days = new Set(points.map((p) => p.date.toDateString()));
  if (days.size === 1 && points.length > 1) return (d) => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (d) => d.toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

export async function render(app) {
  const token = app.token();
  const [items, progress, tracks] = await Promise.all([
    api("/users/me/interviews", { token }),
    api("/users/me/progress", { token }),
    app.tracks().catch(() => []),
  ]);
  const trackTitle = (id) => (tracks.find((t) => t.id === id) || { title: id }).title;
  const sorted = [...items].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));

  const points = progress.points.map((p) => ({
    date: new Date(p.finished_at),
    value: p.overall,
    label: `${formatDate(p.finished_at)}: ${p.overall} of 100 (${trackTitle(p.track)})`,
  }));
  const changes = Object.entries(progress.change_since_first || {});

  const chartCard = h(
    "section",
    { class: "card", "aria-labelledby": "progress-title" },
    h("h2", { id: "progress-title", class: "card-title" }, "Overall score over time"),
    points.length
      ? lineChart({ points, title: "Overall score of each finished interview, out of 100", formatX: axisFormat(points) })
      : h("p", { class: "muted" }, "Finish an interview to start your progress chart."),
    points.length === 1 ? h("p", { class: "muted" }, "Finish another interview to see a trend.") : null,
    changes.length
      ? h(
          "ul",
          { class: "change-list", "aria-label": "Change since your first interview" },
          ...changes.map(([key, value]) =>
            h(
              "li",
              { class: ["change", value > 0 ? "change-up" : value < 0 ? "change-down" : "change-flat"] },
              h("span", { class: "change-label" }, CHANGE_LABELS[key] || key),
              h("strong", null, signed(value, key === "overall" ? " pts" : "")),
            ),
          ),
        )
      : null,
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
    return h(
      "li",
      { class: "history-item" },
      h(
        "div",
        { class: "history-main" },
        h("h3", { class: "history-title" }, trackTitle(item.track)),
        h("p", { class: "muted" }, `${formatDate(item.created_at)} · ${item.role} · ${humanize(item.mode)} · ${item.question_count} ${item.question_count === 1 ? "question" : "questions"}`),
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
    chartCard,
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

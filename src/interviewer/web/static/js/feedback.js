// One answer's feedback: the three scores, covered and missed points, advice and resources.

import { formatNumber, h, icon, humanize, newId, scoreBand } from "./dom.js";

export const DIMENSIONS = [
  ["technical", "Technical"],
  ["communication", "Communication"],
  ["confidence", "Confidence"],
];

const FLAGS = {
  hint_used: "Hint used",
  empty: "Empty answer",
  gibberish: "Not readable as an answer",
  off_topic: "Off topic",
  copied_question: "Repeats the question",
  too_short: "Very short",
  keyword_list: "Terms listed, not explained",
  word_salad: "Words do not form sentences",
  copied_reference: "Expected points pasted, not explained",
  dont_know: "Not known yet",
  misconception: "States something wrong",
  capped_by_offline: "AI score capped",
  formula_only: null, // said by the score tiles ("Not scored from a formula")
  formula_error: "The formula gives an error",
};

// Lines of a formula's feedback that the table of computed cells already shows.
const SHOWN_IN_TABLE = /^(Correct: |The computed cell |\d+ of \d+ computed cells match|- [A-Z]{1,3}\d+: your formula gave |Communication and confidence are not scored from a formula)/;

/** The reference answer without a lead-in that repeats its heading. */
function referenceText(text) {
  return String(text).replace(/(^|\n\n)A strong answer would say:\s*/g, "$1");
}

function scoreTile(label, value, key) {
  if (value === null || value === undefined) {
    return h(
      "div",
      { class: ["score-tile", `tile-${key}`, "tile-unscored"] },
      h("span", { class: "tile-label" }, label),
      h("span", { class: "tile-value" }, h("strong", null, "—")),
      h("span", { class: "tile-note" }, "Not scored from a formula"),
    );
  }
  const band = scoreBand(value);
  const bar = h("span", { class: `tile-bar-fill tone-${band}` });
  bar.style.transform = `scaleX(${Math.max(0.05, value / 10)})`;
  return h(
    "div",
    { class: ["score-tile", `tile-${key}`] },
    h("span", { class: "tile-label" }, label),
    h("span", { class: "tile-value" }, h("strong", null, String(value)), h("span", { class: "tile-max" }, " / 10")),
    h("span", { class: "tile-bar", "aria-hidden": "true" }, bar),
  );
}

/** The feedback text without the parts shown as lists; split into paragraphs. */
function adviceParagraphs(text, { hasLists }) {
  return String(text || "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .filter((p) => !(hasLists && /^you (covered|missed):/i.test(p)));
}

function paragraphBlock(text) {
  const lines = String(text).split("\n");
  const bullets = lines.filter((l) => /^\s*[-•]\s+/.test(l));
  if (bullets.length && bullets.length === lines.length - 1) {
    return [h("p", null, lines[0]), h("ul", null, ...bullets.map((b) => h("li", null, b.replace(/^\s*[-•]\s+/, ""))))];
  }
  return [h("p", { class: "pre-line" }, text)];
}

export function scoreTiles(evaluation) {
  return h("div", { class: "score-tiles" }, ...DIMENSIONS.map(([key, label]) => scoreTile(label, evaluation[key], key)));
}

/**
 * The whole feedback block. `level` is the heading level for its sections (3 under an h2).
 */
export function feedbackBody(evaluation, { level = 3, answer = null, reference = null } = {}) {
  const H = `h${level}`;
  const section = (title, iconName, ...content) => {
    const id = newId("fb");
    return h("section", { class: "fb-section", "aria-labelledby": id }, h(H, { id, class: "fb-title" }, icon(iconName, 18), title), ...content);
  };
  const covered = evaluation.covered || [];
  const missed = evaluation.missed || [];
  const hasLists = covered.length > 0 || missed.length > 0;
  const hasCells = (evaluation.cells || []).length > 0;
  const advice = adviceParagraphs(evaluation.feedback, { hasLists })
    .map((p) => (hasCells ? p.split("\n").filter((line) => !SHOWN_IN_TABLE.test(line)).join("\n") : p))
    .filter(Boolean);
  const practise = advice.filter((p) => /^to practise next:/i.test(p));
  const rest = advice.filter((p) => !/^to practise next:/i.test(p));
  const flags = (evaluation.flags || []).map((f) => (f in FLAGS ? FLAGS[f] : humanize(f))).filter(Boolean);

  const parts = [scoreTiles(evaluation)];
  if (flags.length) parts.push(h("ul", { class: "flag-list", "aria-label": "Notes" }, ...flags.map((f) => h("li", { class: "chip chip-warn" }, f))));
  if (answer) parts.push(section("Your answer", "mic", h("blockquote", { class: "answer-quote pre-line" }, answer)));
  const lists = h("div", { class: "fb-columns" });
  if (covered.length)
    lists.append(
      section(
        `What you covered (${covered.length})`,
        "check",
        h(
          "ul",
          { class: "point-list point-covered" },
          ...covered.map((c) => h("li", null, h("span", { class: "point" }, c.point), c.quote ? h("q", { class: "quote" }, c.quote) : null)),
        ),
      ),
    );
  if (missed.length)
    lists.append(section(`What you missed (${missed.length})`, "x", h("ul", { class: "point-list point-missed" }, ...missed.map((m) => h("li", null, m)))));
  if (lists.childNodes.length) parts.push(lists);
  if (hasCells) parts.push(section("Computed cells", "grid", cellTable(evaluation.cells)));
  if (rest.length) parts.push(section("Advice", "hint", ...rest.flatMap(paragraphBlock)));
  const better = evaluation.examples_or_corrections || reference;
  if (better) parts.push(section(referenceTitle(evaluation), "book", h("p", { class: "pre-line" }, referenceText(better))));
  if (practise.length) parts.push(section("To practise next", "target", h("p", null, practise[0].replace(/^to practise next:\s*/i, ""))));
  if (evaluation.resources && evaluation.resources.length) parts.push(section("Resources", "external", resourceList(evaluation.resources)));
  if (evaluation.rationale)
    parts.push(h("details", { class: "rationale" }, h("summary", null, "Why these scores"), h("p", null, evaluation.rationale)));
  return h("div", { class: "feedback-body" }, ...parts);
}

/** Fully right (technical 10, every computed cell matching): there is nothing stronger to show. */
export function isFullyCorrect(evaluation) {
  const cells = evaluation.cells || [];
  return evaluation.technical === 10 && cells.every((c) => c.ok);
}

/** The heading over the reference answer: "A stronger answer" only when there is one. */
export function referenceTitle(evaluation) {
  if (!isFullyCorrect(evaluation)) return "A stronger answer";
  return (evaluation.cells || []).length ? "Another way to write it" : "Another way to put it";
}

/** A cell's value as the server wrote it (dates as dates, numbers rounded), else formatted here. */
function showValue(value, text) {
  if (text) return text;
  if (value === null || value === undefined || value === "") return "(empty)";
  if (value === true) return "TRUE";
  if (value === false) return "FALSE";
  if (typeof value === "number") return formatNumber(value);
  return String(value);
}

/** What the formula computed in each target cell, against what was expected. */
export function cellTable(cells) {
  const right = cells.filter((c) => c.ok).length;
  return h(
    "div",
    { class: "cell-table-wrap" },
    h(
      "table",
      { class: "cell-table" },
      h("caption", null, `${right} of ${cells.length} cells match`),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Cell"), h("th", { scope: "col" }, "Your formula gave"), h("th", { scope: "col" }, "Expected"), h("th", { scope: "col" }, "Result"))),
      h(
        "tbody",
        null,
        ...cells.map((c) =>
          h(
            "tr",
            { class: c.ok ? "cell-match" : "cell-differ" },
            h("th", { scope: "row" }, c.cell),
            h("td", null, showValue(c.got, c.got_text)),
            h("td", null, showValue(c.expected, c.expected_text)),
            h("td", null, c.ok ? "✓ Match" : "✗ Differs"),
          ),
        ),
      ),
    ),
  );
}

export function resourceList(resources) {
  return h(
    "ul",
    { class: "resource-list" },
    ...resources.map((r) =>
      h(
        "li",
        null,
        h(
          "a",
          { href: r.url, target: "_blank", rel: "noopener noreferrer" },
          r.title,
          h("span", { class: "sr-only" }, " (opens in a new tab)"),
          icon("external", 14),
        ),
      ),
    ),
  );
}

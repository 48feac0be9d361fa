// Charts as inline SVG, drawn to the width they are given and redrawn when that width changes.

import { h, newId, s, scoreBand } from "./dom.js";

/**
 * Mount a chart that fills its container: `draw(width)` returns an <svg>; it is called again
 * whenever the container's width changes (phone rotation, window resize).
 */
export function responsive(className, draw) {
  const box = h("div", { class: ["chart", className] });
  let lastWidth = 0;
  const render = () => {
    const width = Math.round(box.clientWidth || 0);
    if (!width || Math.abs(width - lastWidth) < 4) return;
    lastWidth = width;
    box.replaceChildren(draw(width));
  };
  if ("ResizeObserver" in window) new ResizeObserver(render).observe(box);
  window.requestAnimationFrame(render);
  return box;
}

function labelled(svg, title, desc) {
  const titleId = newId("chart-title");
  const descId = newId("chart-desc");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", `${titleId} ${descId}`);
  svg.prepend(s("title", { id: titleId }, title), s("desc", { id: descId }, desc));
  return svg;
}

/** Split a label into lines of at most `maxChars`, at most `maxLines` (the last one cut). */
function wrapLabel(label, maxChars, maxLines = 3) {
  const words = String(label).split(/\s+/);
  const lines = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, Math.max(1, maxChars - 1))}…`;
    return kept;
  }
  return lines;
}

/**
 * Horizontal bars: the label above each bar (wrapped to the width), the value after the bar.
 * items: [{label, value, max, tone?}] where tone is a CSS class suffix (else by score band).
 */
export function barChart({ items, title, unit = "/ 10", format = (v) => v.toFixed(1) }) {
  return responsive("chart-bars", (width) => {
    const lineHeight = 19;
    const barHeight = 14;
    const valueWidth = 70;
    const maxChars = Math.max(14, Math.floor(width / 7.8));
    const barWidth = Math.max(40, width - valueWidth - 10);
    const svg = s("svg", { class: "chart-svg" });
    let y = 0;
    items.forEach((item) => {
      const lines = wrapLabel(item.label, maxChars);
      const fraction = Math.max(0, Math.min(1, item.value / item.max));
      const tone = item.tone || scoreBand((item.value / item.max) * 10);
      const label = s("text", { x: 0, y: y + 15, class: "chart-label" });
      // A space ends every line but the last: the lines are one label to copy, search and read.
      lines.forEach((line, i) => label.append(s("tspan", { x: 0, dy: i ? lineHeight : 0 }, i < lines.length - 1 ? `${line} ` : line)));
      if (lines.join(" ") !== item.label) label.append(s("title", null, item.label));
      const barY = y + lines.length * lineHeight + 4;
      svg.append(
        label,
        s("rect", { x: 0, y: barY, width: barWidth, height: barHeight, rx: barHeight / 2, class: "chart-track" }),
        s("rect", {
          x: 0,
          y: barY,
          width: Math.max(barHeight, fraction * barWidth),
          height: barHeight,
          rx: barHeight / 2,
          class: `chart-fill tone-${tone}`,
        }),
        s(
          "text",
          { x: width, y: barY + barHeight - 2, "text-anchor": "end", class: "chart-value" },
          `${format(item.value)} ${unit}`.trim(),
        ),
      );
      y = barY + barHeight + 20;
    });
    const height = Math.max(barHeight, y - 12);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const desc = items.map((it) => `${it.label}: ${format(it.value)} ${unit}`.trim()).join("; ");
    return labelled(svg, title, desc);
  });
}

/** A ring showing a 0-100 score with the number in the middle. */
export function scoreRing(score, { size = 148, label = "Overall score" } = {}) {
  const stroke = 14;
  const r = (size - stroke) / 2;
  const c = 2 * Math.PI * r;
  const fraction = Math.max(0, Math.min(1, score / 100));
  const tone = scoreBand(score / 10);
  const svg = s(
    "svg",
    { width: size, height: size, viewBox: `0 0 ${size} ${size}`, class: "score-ring" },
    s("circle", { cx: size / 2, cy: size / 2, r, class: "ring-track", "stroke-width": stroke, fill: "none" }),
    s("circle", {
      cx: size / 2,
      cy: size / 2,
      r,
      class: `ring-fill tone-${tone}`,
      "stroke-width": stroke,
      fill: "none",
      "stroke-linecap": "round",
      "stroke-dasharray": `${(fraction * c).toFixed(2)} ${c.toFixed(2)}`,
      transform: `rotate(-90 ${size / 2} ${size / 2})`,
    }),
    s("text", { x: size / 2, y: size / 2 + 4, "text-anchor": "middle", class: "ring-number" }, String(score)),
    s("text", { x: size / 2, y: size / 2 + 28, "text-anchor": "middle", class: "ring-unit" }, "of 100"),
  );
  return labelled(svg, label, `${score} out of 100`);
}

/**
 * Line chart of scores over time. points: [{date: Date, value, label}], values 0..max.
 */
export function lineChart({ points, title, max = 100, formatX, height: fixedHeight }) {
  return responsive("chart-line", (width) => {
    const height = fixedHeight || (width < 480 ? 220 : 260);
    const pad = { top: 16, right: 18, bottom: 36, left: 38 };
    const innerW = Math.max(10, width - pad.left - pad.right);
    const innerH = height - pad.top - pad.bottom;
    const x = (i) => pad.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
    const y = (v) => pad.top + innerH - (Math.max(0, Math.min(max, v)) / max) * innerH;
    const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "chart-svg" });

    const gradientId = newId("area");
    svg.append(
      s(
        "defs",
        null,
        s(
          "linearGradient",
          { id: gradientId, x1: 0, y1: 0, x2: 0, y2: 1 },
          s("stop", { offset: "0%", class: "area-stop-top" }),
          s("stop", { offset: "100%", class: "area-stop-bottom" }),
        ),
      ),
    );
    for (let tick = 0; tick <= max; tick += max / 4) {
      svg.append(
        s("line", { x1: pad.left, x2: pad.left + innerW, y1: y(tick), y2: y(tick), class: "chart-grid" }),
        s("text", { x: pad.left - 8, y: y(tick) + 4, "text-anchor": "end", class: "chart-axis" }, String(tick)),
      );
    }
    const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(innerW / 84))));
    points.forEach((p, i) => {
      if (i % every !== 0 && i !== points.length - 1) return;
      const last = points.length > 1 && i === points.length - 1; // ends at the edge, not past it
      svg.append(
        s("text", { x: last ? x(i) + 8 : x(i), y: height - 10, "text-anchor": last ? "end" : "middle", class: "chart-axis" }, formatX(p.date)),
      );
    });
    if (points.length > 1) {
      const line = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
      const area = `${line} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
      svg.append(
        s("path", { d: area, fill: `url(#${gradientId})`, class: "chart-area" }),
        s("path", { d: line, class: "chart-line-path", fill: "none" }),
      );
    }
    points.forEach((p, i) => {
      svg.append(
        s("circle", { cx: x(i), cy: y(p.value), r: 5, class: "chart-point" }, s("title", null, p.label)),
      );
    });
    const desc = points.map((p) => p.label).join("; ");
    return labelled(svg, title, desc || "No finished interviews yet.");
  });
}

const MARKERS = {
  circle: (x, y, r) => s("circle", { cx: x, cy: y, r }),
  square: (x, y, r) => s("rect", { x: x - r * 0.9, y: y - r * 0.9, width: r * 1.8, height: r * 1.8, rx: 1.5 }),
  diamond: (x, y, r) => s("path", { d: `M${x},${y - r * 1.25} L${x + r * 1.25},${y} L${x},${y + r * 1.25} L${x - r * 1.25},${y} Z` }),
};

/**
 * Several lines on one scale, sharing the x positions of `dates` (one per interview).
 * series: [{key, label, marker: "circle" | "square" | "diamond", points: [{i, value, label}]}];
 * a series may skip an interview (no point, and the line joins its neighbours).
 * Colour comes from the CSS class `series-<key>`; the marker shape tells the lines apart too.
 */
export function multiLineChart({ series, dates, title, min = 0, max = 10, ticks = [0, 2, 4, 6, 8, 10], formatX, height = 200 }) {
  return responsive("chart-multi", (width) => {
    const pad = { top: 12, right: 18, bottom: 32, left: 30 };
    const innerW = Math.max(10, width - pad.left - pad.right);
    const innerH = height - pad.top - pad.bottom;
    const n = dates.length;
    const x = (i) => pad.left + (n === 1 ? innerW / 2 : (i / (n - 1)) * innerW);
    const y = (v) => pad.top + innerH - ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * innerH;
    const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "chart-svg" });
    for (const tick of ticks) {
      svg.append(
        s("line", { x1: pad.left, x2: pad.left + innerW, y1: y(tick), y2: y(tick), class: "chart-grid" }),
        s("text", { x: pad.left - 8, y: y(tick) + 4, "text-anchor": "end", class: "chart-axis" }, String(tick)),
      );
    }
    const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(innerW / 84))));
    dates.forEach((date, i) => {
      if (i % every !== 0 && i !== n - 1) return;
      // The last label ends at the last point, so it never runs past the chart's edge.
      const last = n > 1 && i === n - 1;
      svg.append(s("text", { x: last ? x(i) + 8 : x(i), y: height - 8, "text-anchor": last ? "end" : "middle", class: "chart-axis" }, formatX(date)));
    });
    for (const line of series) {
      const group = s("g", { class: ["chart-series", `series-${line.key}`].join(" ") });
      if (line.points.length > 1) {
        const d = line.points.map((p, k) => `${k ? "L" : "M"}${x(p.i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
        group.append(s("path", { d, class: "series-line", fill: "none" }));
      }
      for (const p of line.points) {
        const marker = (MARKERS[line.marker] || MARKERS.circle)(x(p.i), y(p.value), 4.5);
        marker.setAttribute("class", "series-marker");
        marker.append(s("title", null, p.label));
        group.append(marker);
      }
      svg.append(group);
    }
    const desc = series.map((line) => `${line.label}: ${line.points.map((p) => p.label).join("; ")}`).join(". ");
    return labelled(svg, title, desc || "No scores yet.");
  });
}

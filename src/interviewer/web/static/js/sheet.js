// A formula task's worksheet, drawn as an accessible table, with the target cell marked.

import { formatIsoDate, h } from "./dom.js";

export function columnName(index) {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function parseCell(ref) {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(String(ref).toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

function show(value) {
  if (value === null || value === undefined) return "";
  if (value === true) return "TRUE";
  if (value === false) return "FALSE";
  return formatIsoDate(value) || String(value);
}

/** The sheet as a table: column letters across, row numbers down, like a spreadsheet. */
export function sheetView(sheet) {
  const cells = new Map();
  const put = (col, row, value) => cells.set(`${col}:${row}`, value);
  sheet.columns.forEach((name, c) => put(c, 1, name));
  sheet.rows.forEach((row, r) => row.forEach((value, c) => put(c, r + 2, value)));
  let maxCol = sheet.columns.length - 1;
  let maxRow = sheet.rows.length + 1;
  for (const [ref, value] of Object.entries(sheet.extra_cells || {})) {
    const at = parseCell(ref);
    if (!at) continue;
    put(at.col, at.row, value);
    maxCol = Math.max(maxCol, at.col);
    maxRow = Math.max(maxRow, at.row);
  }
  const target = parseCell(sheet.target) || { col: maxCol, row: 2 };
  maxCol = Math.max(maxCol, target.col);
  maxRow = Math.max(maxRow, target.row);
  const lastDataRow = sheet.rows.length + 1;
  const filled = (col, row) => col === target.col && (row === target.row || (sheet.fill_down && row > target.row && row <= lastDataRow));

  const fillText = sheet.fill_down ? `, then fill it down to ${columnName(target.col)}${lastDataRow}` : "";
  const spillText = sheet.spill ? "; the result spills down from there" : "";
  const caption = `Sheet “${sheet.sheet}”. Write the formula for ${sheet.target}${fillText}${spillText}.`;

  const head = h("tr", null, h("td", { class: "corner" }), ...Array.from({ length: maxCol + 1 }, (_, c) => h("th", { scope: "col" }, columnName(c))));
  const body = [];
  for (let row = 1; row <= maxRow; row += 1) {
    const tr = h("tr", null, h("th", { scope: "row" }, String(row)));
    for (let col = 0; col <= maxCol; col += 1) {
      const value = cells.get(`${col}:${row}`);
      const isTarget = col === target.col && row === target.row;
      const numeric = typeof value === "number" || (row > 1 && formatIsoDate(value) !== null); // dates align as numbers, as in Excel
      const classes = [row === 1 && value !== undefined ? "is-header" : "", numeric ? "is-number" : ""];
      if (isTarget) {
        tr.append(h("td", { class: [...classes, "is-target"] }, h("span", { class: "sr-only" }, "Your formula goes here: "), "fx ?"));
      } else if (filled(col, row)) {
        tr.append(h("td", { class: [...classes, "is-fill"] }, h("span", { class: "sr-only" }, "filled down"), h("span", { "aria-hidden": "true" }, "↓")));
      } else {
        tr.append(h("td", { class: classes }, show(value)));
      }
    }
    body.push(tr);
  }
  return h(
    "div",
    { class: "sheet", role: "region", "aria-label": `Worksheet ${sheet.sheet}`, tabindex: "0" },
    h("table", { class: "sheet-table" }, h("caption", null, caption), h("thead", null, head), h("tbody", null, ...body)),
  );
}

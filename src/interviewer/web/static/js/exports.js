// The report PDF as base64 text (GET .../report.pdf.b64), copied for pasting into another system.

import { api } from "./api.js";
import { announce, h, icon } from "./dom.js";
import { downloadText } from "./account.js";

/**
 * A download-list item that copies the full PDF, base64-encoded, to the clipboard. The request
 * starts inside the click so the copy keeps the click's permission; when the browser refuses
 * the clipboard (an http:// address other than localhost, for one) the text is saved as a file.
 */
export function base64Item(app, interviewId) {
  const label = "Copy PDF as base64";
  const status = h("span", { class: "download-detail", "aria-live": "polite" }, "The full report as text, for an API or a form");
  const button = h("button", { type: "button", class: "download download-button" }, icon("copy", 18), h("span", null, h("strong", null, label), status));
  let busy = false;
  button.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    status.textContent = "Preparing…";
    const file = api(`/interviews/${interviewId}/report.pdf.b64?kind=full`, { token: app.token() });
    const text = file.then((f) => f.data);
    let done;
    try {
      if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
        await navigator.clipboard.write([new window.ClipboardItem({ "text/plain": text.then((t) => new Blob([t], { type: "text/plain" })) })]);
      } else {
        await navigator.clipboard.writeText(await text);
      }
      const kb = Math.max(1, Math.round((await text).length / 1024));
      done = `Copied: ${kb} KB of base64 text`;
    } catch {
      try {
        const f = await file;
        downloadText(`${f.filename}.b64.txt`, f.data);
        done = "Copying was not allowed here, so it was saved as a text file";
      } catch (error) {
        done = `Not copied: ${error.message || "try again"}`;
      }
    }
    status.textContent = done;
    announce(done);
    busy = false;
  });
  return h("li", null, button);
}

// The JSON API under /api/v1: one fetch wrapper that turns every failure into an ApiError.

const PREFIX = "/api/v1";

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.detail) || `Request failed (${status}).`);
    this.status = status;
    this.code = (body && body.code) || "error";
    this.field = (body && body.field) || null;
    this.errors = (body && Array.isArray(body.errors) && body.errors) || [];
  }

  /** Field name -> message, for showing next to form fields. */
  fieldMessages() {
    const out = {};
    for (const e of this.errors) {
      const name = String(e.field || "").replace(/^profile\./, "");
      if (name && !out[name]) out[name] = e.message;
    }
    if (this.field && !this.errors.length) out[this.field.replace(/^profile\./, "")] = this.message;
    return out;
  }
}

let unauthorizedHandler = null;
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export async function api(path, { method = "GET", body, file, token, headers = {}, raw = false } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  } else if (file !== undefined) {
    init.headers["Content-Type"] = file.type || "application/octet-stream";
    init.body = file;
  }
  let response;
  try {
    response = await fetch(PREFIX + path, init);
  } catch {
    throw new ApiError(0, {
      detail: "The server could not be reached. Check your connection and try again; nothing was lost.",
      code: "network",
    });
  }
  if (raw) return response;
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && token && unauthorizedHandler) unauthorizedHandler(error, token);
    throw error;
  }
  return data;
}

function filenameOf(response, fallback) {
  const disposition = response.headers.get("content-disposition") || "";
  const m = /filename="?([^";]+)"?/i.exec(disposition);
  return m ? m[1] : fallback;
}

/**
 * Fetch an optional download (PDF, Markdown). Resolves to {url, filename} (an object URL, as
 * the request needs the token), or null when the server does not offer it (404, 405, 501) so
 * the page can simply leave the link out.
 */
export async function optionalDownload(path, token, fallbackName) {
  let response;
  try {
    response = await api(path, { token, raw: true, headers: { Accept: "*/*" } });
  } catch {
    return null;
  }
  if (!response.ok) return null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("text/html")) return null; // the app's own page, not a report
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), filename: filenameOf(response, fallbackName) };
}

/** Download a file that needs the token, through a temporary link. */
export async function download(path, token, fallbackName) {
  const response = await api(path, { token, raw: true, headers: { Accept: "*/*" } });
  if (!response.ok) {
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    throw new ApiError(response.status, data);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filenameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/** Friendlier wording for the API's validation messages, keeping its meaning. */
export function friendly(field, message) {
  const text = String(message || "");
  let m;
  if (/should match pattern/i.test(text)) {
    return field === "email" ? "Enter an email address like name@example.com." : "This value has characters that are not allowed.";
  }
  if (/at least 1 character/i.test(text) || /field required/i.test(text)) return "This field is required.";
  if ((m = text.match(/at most (\d+) characters?/i))) return `Use at most ${m[1]} characters.`;
  if ((m = text.match(/greater than or equal to (\d+)/i))) return `Enter a number of at least ${m[1]}.`;
  if ((m = text.match(/less than or equal to (\d+)/i))) return `Enter a number no more than ${m[1]}.`;
  if (/valid integer/i.test(text)) return "Enter a whole number.";
  return text.replace(/^[\w.]+: /, "");
}

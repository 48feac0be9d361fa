// What survives a reload: the token, the interview in progress, drafts and preferences.
// Everything lives in this browser's localStorage and nowhere else.

const SESSION = "mi.session.v1";
const PREFS = "mi.prefs.v1";
const QUESTION = "mi.question.v1.";

function read(key, fallback) {
  try {
    const value = window.localStorage.getItem(key);
    return value ? JSON.parse(value) : fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or blocked: the app keeps working for this page view */
  }
}

export const session = {
  get() {
    return read(SESSION, {});
  },
  update(patch) {
    const next = { ...session.get(), ...patch };
    for (const [k, v] of Object.entries(next)) if (v === undefined || v === null) delete next[k];
    write(SESSION, next);
    return next;
  },
  clear() {
    const keys = [];
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const key = window.localStorage.key(i);
      if (key && key.startsWith("mi.")) keys.push(key);
    }
    keys.forEach((k) => window.localStorage.removeItem(k));
  },
};

export const prefs = {
  get() {
    return { readAloud: false, ...read(PREFS, {}) };
  },
  set(patch) {
    write(PREFS, { ...prefs.get(), ...patch });
  },
};

/** Per-question state: when it was first shown, the draft answer, the retry key, the hint. */
export const questionState = {
  get(id) {
    return read(QUESTION + id, null);
  },
  ensure(id, make) {
    let value = questionState.get(id);
    if (!value) {
      value = make();
      write(QUESTION + id, value);
    }
    return value;
  },
  update(id, patch) {
    const next = { ...(questionState.get(id) || {}), ...patch };
    write(QUESTION + id, next);
    return next;
  },
  remove(id) {
    try {
      window.localStorage.removeItem(QUESTION + id);
    } catch {
      /* ignore */
    }
  },
};

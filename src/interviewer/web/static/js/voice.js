// Voice answers: record in the browser (MediaRecorder), transcribe on this server, then the
// candidate corrects the text before sending. The recording goes only to this server.

import { api } from "./api.js";
import * as media from "./media.js";

const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
let capability = null;

/** The server's transcription capability ({available, message, max_seconds, ...}), asked once. */
export function transcription() {
  if (!capability) {
    capability = api("/capabilities")
      .then((c) => c.transcription)
      .catch(() => {
        capability = null;
        return { available: false, message: "The server could not be asked whether it can transcribe. Type your answer instead.", max_seconds: 300 };
      });
  }
  return capability;
}

export const canRecord = () =>
  typeof window.MediaRecorder === "function" && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);

function chosenType() {
  if (typeof window.MediaRecorder.isTypeSupported !== "function") return "";
  return TYPES.find((t) => window.MediaRecorder.isTypeSupported(t)) || "";
}

/**
 * One recording: start() asks for the microphone and records; stop() resolves to the audio
 * Blob. onLevel(0..1) and onTick(seconds) drive the level meter and the elapsed time; the
 * recording stops by itself at maxSeconds.
 */
export class Recorder {
  constructor({ onLevel, onTick, onAutoStop, maxSeconds = 300 }) {
    this.onLevel = onLevel;
    this.onTick = onTick;
    this.onAutoStop = onAutoStop;
    this.maxSeconds = maxSeconds;
    this.recorder = null;
    this.chunks = [];
    this.stopMeter = () => {};
    this.timer = 0;
  }

  get recording() {
    return !!this.recorder && this.recorder.state === "recording";
  }

  async start() {
    const stream = await media.start("mic");
    const type = chosenType();
    this.chunks = [];
    this.recorder = type ? new window.MediaRecorder(stream, { mimeType: type }) : new window.MediaRecorder(stream);
    this.recorder.addEventListener("dataavailable", (e) => {
      if (e.data && e.data.size) this.chunks.push(e.data);
    });
    this.startedAt = Date.now();
    this.recorder.start(1000);
    this.stopMeter = media.meter((level) => this.onLevel(level));
    this.timer = window.setInterval(() => {
      const seconds = (Date.now() - this.startedAt) / 1000;
      this.onTick(seconds);
      if (seconds >= this.maxSeconds && this.onAutoStop) this.onAutoStop();
    }, 250);
    this.onTick(0);
  }

  /** Stops and resolves to {blob, seconds}; the microphone is released. */
  stop() {
    const recorder = this.recorder;
    window.clearInterval(this.timer);
    this.stopMeter();
    this.onLevel(0);
    if (!recorder) return Promise.resolve(null);
    const seconds = (Date.now() - this.startedAt) / 1000;
    return new Promise((resolve) => {
      recorder.addEventListener(
        "stop",
        () => {
          media.stop("mic");
          this.recorder = null;
          const blob = new Blob(this.chunks, { type: (recorder.mimeType || "audio/webm").split(";")[0] });
          this.chunks = [];
          resolve({ blob, seconds });
        },
        { once: true },
      );
      if (recorder.state !== "inactive") recorder.stop();
      else recorder.dispatchEvent(new Event("stop"));
    });
  }

  cancel() {
    window.clearInterval(this.timer);
    this.stopMeter();
    if (this.recorder && this.recorder.state !== "inactive") this.recorder.stop();
    this.recorder = null;
    this.chunks = [];
    media.stop("mic");
  }
}

/** Upload a recording for the current question; resolves to the transcription. */
export function transcribe({ interviewId, questionId, blob, token }) {
  const path = `/interviews/${interviewId}/transcriptions?question_id=${encodeURIComponent(questionId)}`;
  return api(path, { method: "POST", token, file: blob });
}

/**
 * The delivery to send with the answer: every take's words on one timeline, each take
 * starting a second after the previous one ended (the gap between takes is not a pause).
 */
export function joinTakes(takes) {
  const words = [];
  let offset = 0;
  for (const take of takes) {
    if (!take.words.length) continue;
    const shift = words.length ? offset + 1 - take.words[0].start : 0;
    for (const w of take.words) words.push({ word: w.word, start: +(w.start + shift).toFixed(2), end: +(w.end + shift).toFixed(2) });
    offset = words[words.length - 1].end;
  }
  const duration = takes.reduce((sum, t) => sum + (t.duration_seconds || 0), 0);
  return words.length ? { words, duration_seconds: +duration.toFixed(2) } : null;
}

// The browser's speech services: recognition for voice answers, synthesis to read questions.

const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;

export const canRecognise = () => !!(window.SpeechRecognition || window.webkitSpeechRecognition);
export const canSpeak = () => "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";

const ERRORS = {
  "not-allowed": "Microphone access was refused, so voice answers are off. You can type your answer instead.",
  "service-not-allowed": "This browser does not allow speech recognition here. You can type your answer instead.",
  "audio-capture": "No microphone was found. You can type your answer instead.",
  network: "Speech recognition needs a network connection in this browser and could not reach it. You can type your answer instead.",
  "no-speech": "No speech was heard. Try again, closer to the microphone, or type your answer.",
  "language-not-supported": "Speech recognition does not support this language here. You can type your answer instead.",
};

/**
 * Dictation into an editable transcript. Final phrases are handed to onFinal (to append to the
 * text box, where the person can edit them); the phrase in progress goes to onInterim.
 */
export class Dictation {
  constructor({ onFinal, onInterim, onState, onError, lang }) {
    this.onFinal = onFinal;
    this.onInterim = onInterim;
    this.onState = onState;
    this.onError = onError;
    this.lang = lang || document.documentElement.lang || "en-US";
    this.wanted = false;
    this.recognition = null;
  }

  get listening() {
    return this.wanted;
  }

  start() {
    if (!Recognition || this.wanted) return;
    const r = new Recognition();
    r.lang = this.lang === "en" ? "en-US" : this.lang;
    r.continuous = true;
    r.interimResults = true;
    r.onresult = (event) => {
      let interim = "";
      for (let i = event.resultIndex; i < event.results.length; i += 1) {
        const result = event.results[i];
        const text = result[0] ? result[0].transcript : "";
        if (result.isFinal) this.onFinal(text.trim());
        else interim += text;
      }
      this.onInterim(interim.trim());
    };
    r.onerror = (event) => {
      const fatal = event.error !== "no-speech" && event.error !== "aborted";
      if (event.error !== "aborted") this.onError(ERRORS[event.error] || "Speech recognition stopped unexpectedly. You can type your answer instead.");
      if (fatal) this.stop();
    };
    r.onend = () => {
      this.onInterim("");
      // Browsers end recognition after a pause; carry on while the person still wants it.
      if (this.wanted && this.recognition === r) {
        try {
          r.start();
          return;
        } catch {
          /* fall through to stopped */
        }
      }
      if (this.recognition === r) this.finish();
    };
    this.recognition = r;
    this.wanted = true;
    try {
      r.start();
      this.onState(true);
    } catch {
      this.finish();
      this.onError("Speech recognition could not start. You can type your answer instead.");
    }
  }

  stop() {
    const r = this.recognition;
    this.wanted = false;
    if (r) {
      try {
        r.stop();
      } catch {
        /* already stopped */
      }
    }
    this.finish();
  }

  finish() {
    const was = this.recognition !== null;
    this.wanted = false;
    this.recognition = null;
    if (was) this.onState(false);
  }
}

export function speak(text) {
  if (!canSpeak()) return;
  window.speechSynthesis.cancel();
  const utterance = new window.SpeechSynthesisUtterance(text);
  utterance.lang = "en-US";
  utterance.rate = 1;
  window.speechSynthesis.speak(utterance);
}

export function silence() {
  if (canSpeak()) window.speechSynthesis.cancel();
}

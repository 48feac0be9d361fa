// Read-aloud with the browser's speech synthesis. (Voice answers are recorded and transcribed
// on the server: see voice.js.)

export const canSpeak = () => "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";

export const NO_VOICE = "Read-aloud is not available: this browser has no voice installed for speaking text. The question stays on screen.";

/** The installed voices; some browsers list them only after a "voiceschanged" event. */
export function voices({ wait = 1500 } = {}) {
  if (!canSpeak()) return Promise.resolve([]);
  const now = window.speechSynthesis.getVoices();
  if (now.length || !wait) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      window.speechSynthesis.removeEventListener("voiceschanged", done);
      resolve(window.speechSynthesis.getVoices());
    };
    const timer = window.setTimeout(done, wait);
    window.speechSynthesis.addEventListener("voiceschanged", done);
  });
}

/** True at once when a voice is known to be there; otherwise waits for the list. */
export async function hasVoice() {
  if (!canSpeak()) return false;
  if (window.speechSynthesis.getVoices().length) return true;
  return (await voices()).length > 0;
}

export function speak(text) {
  if (!canSpeak()) return false;
  if (!window.speechSynthesis.getVoices().length) return false;
  window.speechSynthesis.cancel();
  const utterance = new window.SpeechSynthesisUtterance(text);
  utterance.lang = "en-US";
  utterance.rate = 1;
  window.speechSynthesis.speak(utterance);
  return true;
}

export function silence() {
  if (canSpeak()) window.speechSynthesis.cancel();
}

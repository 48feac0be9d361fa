// Camera, screen and microphone: all optional, all kept in this browser, never uploaded.

const streams = { camera: null, screen: null, mic: null };
const listeners = new Set();
let audio = null;

function notify() {
  listeners.forEach((fn) => fn(state()));
}

export function onMediaChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function state() {
  return { camera: !!streams.camera, screen: !!streams.screen, mic: !!streams.mic };
}

export function stream(kind) {
  return streams[kind];
}

const WHAT = { camera: "camera", screen: "screen sharing", mic: "microphone" };

/** A plain-language message for a refused or failed media request. */
export function explain(kind, error) {
  const what = WHAT[kind];
  const name = (error && error.name) || "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
    if (kind === "screen") return "Screen sharing was not started. That is fine: the interview works without it.";
    return `Access to the ${what} was refused. That is fine: the interview works without it. To use it later, allow the ${what} for this site in your browser's settings and try again.`;
  }
  if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") {
    return `No ${what} was found on this device. The interview works without it.`;
  }
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") {
    return `The ${what} could not be started; another app may be using it. Close it and try again, or carry on without.`;
  }
  if (name === "Unsupported") {
    return `This browser cannot use the ${what} here (it needs a secure https or localhost address). The interview works without it.`;
  }
  return `The ${what} could not be started. The interview works without it.`;
}

function unsupported() {
  const error = new Error("unsupported");
  error.name = "Unsupported";
  return error;
}

function watchEnd(kind, media) {
  media.getTracks().forEach((track) =>
    track.addEventListener("ended", () => {
      if (streams[kind] === media) stop(kind);
    }),
  );
}

export async function start(kind) {
  if (streams[kind]) return streams[kind];
  const devices = navigator.mediaDevices;
  let media;
  if (kind === "screen") {
    if (!devices || typeof devices.getDisplayMedia !== "function") throw unsupported();
    media = await devices.getDisplayMedia({ video: true, audio: false });
  } else {
    if (!devices || typeof devices.getUserMedia !== "function") throw unsupported();
    media = await devices.getUserMedia(
      kind === "camera"
        ? { video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" }, audio: false }
        : { audio: { echoCancellation: true, noiseSuppression: true }, video: false },
    );
  }
  streams[kind] = media;
  watchEnd(kind, media);
  notify();
  return media;
}

export function stop(kind) {
  const media = streams[kind];
  if (!media) return;
  media.getTracks().forEach((t) => t.stop());
  streams[kind] = null;
  if (kind === "mic" && audio) {
    audio.context.close().catch(() => {});
    audio = null;
  }
  notify();
}

export function stopAll() {
  Object.keys(streams).forEach(stop);
}

/** Attach a stream to a <video> element (muted, inline, playing). */
export function attach(video, media) {
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  if (video.srcObject !== media) video.srcObject = media;
  if (media) video.play().catch(() => {});
}

/**
 * Live microphone level, 0..1, delivered to `onLevel` on every animation frame until the mic
 * stops or the returned function is called.
 */
export function meter(onLevel) {
  const media = streams.mic;
  if (!media) return () => {};
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return () => {};
  if (!audio) {
    const context = new Context();
    const source = context.createMediaStreamSource(media);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    audio = { context, analyser, data: new Float32Array(analyser.fftSize) };
  }
  let frame = 0;
  let running = true;
  const tick = () => {
    if (!running || !audio) return;
    audio.analyser.getFloatTimeDomainData(audio.data);
    let sum = 0;
    for (const v of audio.data) sum += v * v;
    const rms = Math.sqrt(sum / audio.data.length);
    onLevel(Math.min(1, rms * 4));
    frame = window.requestAnimationFrame(tick);
  };
  audio.context.resume().catch(() => {});
  tick();
  return () => {
    running = false;
    window.cancelAnimationFrame(frame);
  };
}

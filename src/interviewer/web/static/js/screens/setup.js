// Setup: camera preview, screen-share preview and a microphone level check. All optional.

import { announce, h, icon, setDisabled } from "../dom.js";
import * as media from "../media.js";
import { session } from "../store.js";

export const name = "setup";

const CARDS = {
  camera: {
    title: "Camera",
    icon: "camera",
    idle: "See yourself as the interviewer would. The preview stays in the corner during the interview.",
    on: "Your camera is on. Only you can see this preview.",
    start: "Turn on camera",
    stop: "Turn off camera",
    placeholder: "Camera is off",
  },
  screen: {
    title: "Screen sharing",
    icon: "screen",
    idle: "Practise presenting your screen, as you might in a technical interview.",
    on: "You are sharing your screen. Nothing is recorded or sent anywhere.",
    start: "Share a screen",
    stop: "Stop sharing",
    placeholder: "Not sharing",
  },
  mic: {
    title: "Microphone",
    icon: "mic",
    idle: "Check your microphone if you would like to answer by voice.",
    on: "Speak and watch the level move.",
    start: "Test microphone",
    stop: "Stop test",
  },
};

function mediaCard(kind, { onChange }) {
  const info = CARDS[kind];
  const titleId = `media-${kind}-title`;
  const status = h("p", { class: "media-status", role: "status" }, info.idle);
  const pill = h("span", { class: "pill pill-off" }, "Off");
  const button = h("button", { type: "button", class: "btn btn-secondary" }, icon(info.icon, 18), h("span", null, info.start));
  let preview;
  let video = null;
  let fill = null;
  if (kind === "mic") {
    fill = h("div", { class: "meter-fill" });
    preview = h("div", { class: "mic-preview" }, h("div", { class: "meter", "aria-hidden": "true" }, fill), h("p", { class: "meter-caption" }, "Input level"));
  } else {
    video = h("video", { class: `preview-video preview-${kind}`, muted: true, playsinline: true, autoplay: true, "aria-label": `${info.title} preview` });
    preview = h(
      "div",
      { class: "video-frame" },
      video,
      h("div", { class: "video-placeholder" }, icon(info.icon, 32), h("span", null, info.placeholder)),
    );
  }
  const card = h(
    "section",
    { class: ["card", "media-card", `media-${kind}`], "aria-labelledby": titleId },
    h("div", { class: "media-head" }, h("span", { class: "media-icon" }, icon(info.icon, 20)), h("h2", { id: titleId }, info.title), pill),
    preview,
    status,
    h("div", { class: "media-actions" }, button),
  );

  let stopMeter = () => {};
  let heard = false;
  const sync = () => {
    const on = media.state()[kind];
    card.classList.toggle("is-on", on);
    pill.textContent = on ? "On" : "Off";
    pill.className = `pill ${on ? "pill-on" : "pill-off"}`;
    button.lastChild.textContent = on ? info.stop : info.start;
    if (video) {
      const stream = media.stream(kind);
      if (stream) media.attach(video, stream);
      else video.srcObject = null;
    }
    if (kind === "mic") {
      stopMeter();
      if (on) {
        stopMeter = media.meter((level) => {
          fill.style.transform = `scaleX(${Math.max(0.02, level).toFixed(3)})`;
          if (!heard && level > 0.04) {
            heard = true;
            status.textContent = "Your microphone is working.";
          }
        });
      } else {
        fill.style.transform = "scaleX(0.02)";
      }
    }
  };

  button.addEventListener("click", async () => {
    status.classList.remove("is-error");
    if (media.state()[kind]) {
      media.stop(kind);
      status.textContent = `${info.title} is off.`;
      heard = false;
      return;
    }
    setDisabled(button, true);
    status.textContent = "Waiting for your browser…";
    try {
      await media.start(kind);
      status.textContent = info.on;
      announce(`${info.title} on.`);
    } catch (error) {
      status.textContent = media.explain(kind, error);
      status.classList.add("is-error");
    } finally {
      setDisabled(button, false);
      onChange();
    }
  });

  card.sync = sync;
  card.cleanup = () => stopMeter();
  sync();
  return card;
}

export async function render(app) {
  const { plan } = session.get();
  if (!plan) return { redirect: "#/start" };

  const cards = ["camera", "screen", "mic"].map((kind) => mediaCard(kind, { onChange: () => cards.forEach((c) => c.sync()) }));
  const unsubscribe = media.onMediaChange(() => cards.forEach((c) => c.sync()));

  const node = h(
    "section",
    { class: "screen screen-setup" },
    h("p", { class: "eyebrow" }, "Step 2 of 3"),
    h("h1", null, "Camera, screen and microphone"),
    h("p", { class: "lead" }, "All three are optional. Turn on what makes the practice feel real, or go straight on."),
    h(
      "div",
      { class: "notice notice-privacy" },
      icon("shield", 22),
      h(
        "div",
        null,
        h("p", null, h("strong", null, "Camera and screen are for realism only. "), "They stay in this browser: nothing is recorded, uploaded or scored. Only the text of your answers is sent and graded."),
        h("p", { class: "muted" }, "If you answer by voice, the recording goes only to this server, which turns it into text and then deletes it; it is never sent anywhere else. You correct the text before sending it."),
      ),
    ),
    h("div", { class: "media-grid" }, ...cards),
    h(
      "div",
      { class: "screen-actions" },
      h("a", { class: "btn btn-ghost", href: "#/start" }, icon("arrow-left", 18), "Back to profile"),
      h("a", { class: "btn btn-primary btn-large", href: "#/intro" }, "Continue", icon("arrow-right")),
    ),
  );

  return {
    title: "Setup",
    node,
    cleanup() {
      cards.forEach((c) => c.cleanup());
      unsubscribe();
      media.stop("mic"); // the microphone test ends here; voice answers ask for it again
    },
  };
}

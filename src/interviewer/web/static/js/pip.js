// The camera preview during the interview, as in a video call. Never recorded.
//
// It is docked in the layout, never laid over it: a screen that shows it has an element with
// `data-pip-slot`, and the preview moves into it (a column of its own beside the content on a
// wide screen, a strip above the content on a narrow one; app.css). Nothing can hide under it.

import * as media from "./media.js";

const box = document.getElementById("pip");
const home = box.parentNode;
const video = box.querySelector("video");
const hide = box.querySelector(".pip-hide");
let wanted = false;
let collapsed = false;

function render() {
  const camera = media.stream("camera");
  const slot = wanted ? document.querySelector("[data-pip-slot]") : null;
  const show = !!slot && !!camera;
  const place = slot || home;
  if (box.parentNode !== place) place.append(box);
  if (slot) slot.hidden = !show;
  box.hidden = !show;
  document.body.classList.toggle("has-pip", show);
  box.classList.toggle("pip-collapsed", collapsed);
  hide.setAttribute("aria-expanded", String(!collapsed));
  hide.setAttribute("aria-label", collapsed ? "Show camera preview" : "Hide camera preview");
  hide.lastChild.textContent = collapsed ? "Show" : "Hide";
  // A <video> pauses when it is moved; attaching again plays it.
  if (show) media.attach(video, camera);
  else if (video.srcObject) video.srcObject = null;
}

hide.addEventListener("click", () => {
  collapsed = !collapsed;
  render();
});

media.onMediaChange(render);

/**
 * Show the preview (when the camera is on) on screens that want it. The router calls this
 * just before it mounts the screen, so the slot is looked up once the screen is in place.
 */
export function update(visible) {
  wanted = visible;
  if (!visible) render();
  queueMicrotask(render);
}

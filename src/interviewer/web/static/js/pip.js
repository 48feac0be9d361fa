// The camera preview in a corner during the interview, as in a video call. Never recorded.

import * as media from "./media.js";

const box = document.getElementById("pip");
const video = box.querySelector("video");
const hide = box.querySelector(".pip-hide");
let wanted = false;
let collapsed = false;

function render() {
  const camera = media.stream("camera");
  const show = wanted && !!camera;
  box.hidden = !show;
  document.body.classList.toggle("has-pip", show && !collapsed);
  box.classList.toggle("pip-collapsed", collapsed);
  hide.setAttribute("aria-expanded", String(!collapsed));
  hide.setAttribute("aria-label", collapsed ? "Show camera preview" : "Hide camera preview");
  hide.lastChild.textContent = collapsed ? "Show" : "Hide";
  if (show) media.attach(video, camera);
  else if (video.srcObject) video.srcObject = null;
}

hide.addEventListener("click", () => {
  collapsed = !collapsed;
  render();
});

media.onMediaChange(render);

/** Show the preview (when the camera is on) on screens that want it. */
export function update(visible) {
  wanted = visible;
  render();
}

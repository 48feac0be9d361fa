// Form fields with labels, hints and error messages wired for assistive technology.

import { h, icon } from "./dom.js";

/**
 * A labelled field. `control` is an <input>, <select> or <textarea> (its id is set here).
 * Returns the wrapper; wrapper.setError(message) shows or clears the message.
 */
export function field({ id, label, hint, control, optional = false, wide = false }) {
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const wrapper = h(
    "div",
    { class: ["field", wide && "field-wide"], dataset: { field: control.name } },
    h("label", { for: id, class: "field-label" }, label, optional ? h("span", { class: "optional" }, " (optional)") : null),
    hint ? h("p", { class: "field-hint", id: hintId }, hint) : null,
    error,
    control,
  );
  const describe = () => {
    const ids = [];
    if (hint) ids.push(hintId);
    if (!error.hidden) ids.push(errorId);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  };
  wrapper.setError = (message) => {
    error.replaceChildren(...(message ? [icon("alert", 16), h("span", null, message)] : []));
    error.hidden = !message;
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    wrapper.classList.toggle("has-error", !!message);
    describe();
  };
  wrapper.control = control;
  describe();
  return wrapper;
}

/** A group of radio buttons drawn as cards. options: [{value, title, detail, disabled}] */
export function choiceGroup({ name, legend, hint, options, value, columns = "auto", onChange }) {
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const fieldset = h(
    "fieldset",
    { class: ["choices", `choices-${columns}`], dataset: { field: name } },
    h("legend", { class: "field-label" }, legend),
    hint ? h("p", { class: "field-hint", id: hintId }, hint) : null,
    error,
  );
  const list = h("div", { class: "choice-list" });
  const inputs = options.map((opt, i) => {
    const input = h("input", {
      type: "radio",
      class: "choice-input",
      name,
      id: `${name}-${i}`,
      value: opt.value,
      "aria-describedby": opt.detail ? `${name}-${i}-detail` : null,
    });
    input.checked = opt.value === value;
    input.disabled = !!opt.disabled;
    if (onChange) input.addEventListener("change", () => onChange(opt.value));
    list.append(
      h(
        "label",
        { class: "choice", for: `${name}-${i}` },
        input,
        h(
          "span",
          { class: "choice-body" },
          h("span", { class: "choice-title" }, opt.title),
          opt.detail ? h("span", { class: "choice-detail", id: `${name}-${i}-detail` }, opt.detail) : null,
          opt.meta ? h("span", { class: "choice-meta" }, opt.meta) : null,
        ),
      ),
    );
    return input;
  });
  fieldset.append(list);
  fieldset.inputs = inputs;
  fieldset.control = inputs[0];
  fieldset.value = () => (inputs.find((i) => i.checked) || {}).value;
  fieldset.setError = (message) => {
    error.replaceChildren(...(message ? [icon("alert", 16), h("span", null, message)] : []));
    error.hidden = !message;
    fieldset.classList.toggle("has-error", !!message);
    if (message) fieldset.setAttribute("aria-describedby", errorId);
    else fieldset.removeAttribute("aria-describedby");
  };
  return fieldset;
}

/** The list of problems at the top of a form, each linking to its field. */
export function errorSummary(problems) {
  const box = h(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1" },
    h("h2", { class: "error-summary-title" }, problems.length === 1 ? "There is a problem" : `There are ${problems.length} problems`),
  );
  const list = h("ul");
  for (const { message, control } of problems) {
    const link = h("a", { href: `#${control.id}` }, message);
    link.addEventListener("click", (e) => {
      e.preventDefault();
      control.focus();
    });
    list.append(h("li", null, link));
  }
  box.append(list);
  return box;
}

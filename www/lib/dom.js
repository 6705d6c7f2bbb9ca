// Building DOM without markup strings: every piece of data goes in through
// textContent or setAttribute, so a deal named "<img onerror=...>" is text.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h("p", { class: "x", part: "y", text: "…" }, ...children). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element, same signature as h(). */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

/** Sets text only when it changed; returns whether it did. */
export function setText(node, text) {
  const t = String(text ?? "");
  if (node.textContent === t) return false;
  node.textContent = t;
  return true;
}

/**
 * Restarts a CSS animation class on `node` without a layout: the class and
 * its twin `${className}-again` (the same animation under another
 * keyframes name, in the stylesheets) are taken in turn, and a new
 * animation-name starts the animation afresh. (Removing and re-adding one
 * class would need a forced layout between: a whole card's, on every live
 * update.)
 */
export function flash(node, className) {
  const again = `${className}-again`;
  const next = node.classList.contains(className) ? again : className;
  node.classList.remove(className, again);
  node.classList.add(next);
}

let counter = 0;
/** A fresh id for aria-controls / aria-labelledby inside one shadow root. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * A view's stylesheet: { link, ready } — the <link> to put in the shadow
 * root and a promise settled once it loaded (or failed: the view shows
 * anyway, unstyled rather than never).
 */
export function stylesheet(url) {
  const link = h("link", { rel: "stylesheet", href: url.href });
  const ready = new Promise((done) => {
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
  });
  return { link, ready };
}

/** The engine's exact sentence, one click away: a disclosure under a sentence in people's words. */
export function exactFigures() {
  const text = h("p", { class: "exact-text" });
  const el = h("details", { class: "exact", hidden: true }, h("summary", { text: "Exact figures" }), text);
  return {
    el,
    set(sentence) {
      setText(text, sentence ?? "");
      el.hidden = !sentence;
    },
  };
}

/**
 * A "Why" button that shows and hides `row`: a click toggles it, Escape on
 * either folds an open one and puts the focus back on the button.
 * `onToggle(open)` runs on every change (the caller fills the row).
 */
export function whyToggle(button, row, onToggle) {
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    row.hidden = !open;
    onToggle?.(open);
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  const escape = (e) => {
    if (e.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    e.preventDefault();
    setOpen(false);
    button.focus();
  };
  button.addEventListener("keydown", escape);
  row.addEventListener("keydown", escape);
  return setOpen;
}

// The custom-elements manifest (custom-elements.json, schema 1.0.0) of
// <incentive-widget> and <incentive-plan-lab>, generated from each
// element's own JSDoc: the class
// comment's @element, @summary, @attr, @event (or @fires), @csspart and
// @cssprop tags, and the public members of the class with the comment
// above each. scripts/dist.mjs writes it into dist/incentive-widget/ (and
// the npm package lists it under "customElements"); editors and Storybook
// read it.
//
//   node scripts/manifest.mjs            # prints it
//
// The browser test tests/node/manifest.test.mjs checks it against the code:
// every part the views set, every --incentive-* property the CSS reads,
// the observed attributes and the events the element fires.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ELEMENT_SOURCE = join(ROOT, "www", "incentive-widget-element.js");
export const LAB_SOURCE = join(ROOT, "www", "lib", "lab-element.js");

/** The JSDoc block right above `export class Name`, as lines without the leading ` * `. */
function classDoc(source) {
  const at = source.indexOf("export class ");
  const end = source.lastIndexOf("*/", at);
  const start = source.lastIndexOf("/**", end);
  if (at < 0 || end < 0 || start < 0) throw new Error("the element class has no JSDoc block above it");
  return source
    .slice(start + 3, end)
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""));
}

/** Tag lines ("@tag rest"), joined with their continuation lines. */
function tags(lines) {
  const out = [];
  const text = [];
  for (const line of lines) {
    const m = /^@(\w+)\s*(.*)$/.exec(line.trim());
    if (m) out.push({ tag: m[1], rest: m[2] });
    else if (out.length && line.trim()) out[out.length - 1].rest += ` ${line.trim()}`;
    else if (!out.length && line.trim()) text.push(line.trim());
  }
  return { description: text.join(" "), tags: out };
}

/** "{type} name - description" / "[name=default] - description" / "name - description". */
function split(rest) {
  let type = null;
  let s = rest.trim();
  if (s.startsWith("{")) {
    let depth = 0;
    let i = 0;
    for (; i < s.length; i++) {
      if (s[i] === "{") depth += 1;
      if (s[i] === "}") depth -= 1;
      if (depth === 0) break;
    }
    type = s.slice(1, i);
    s = s.slice(i + 1).trim();
  }
  const m = /^(\[[^\]]+\]|\S+)\s*(?:-\s*)?(.*)$/.exec(s);
  let name = m ? m[1] : s;
  let dflt = null;
  if (name.startsWith("[")) {
    const inner = name.slice(1, -1);
    const eq = inner.indexOf("=");
    name = eq < 0 ? inner : inner.slice(0, eq);
    dflt = eq < 0 ? null : inner.slice(eq + 1);
  }
  return { type, name, default: dflt, description: m ? m[2] : "" };
}

/** Public members: getters/setters (fields) and methods not starting with # or _, with the comment above. */
function members(source) {
  const body = source.slice(source.indexOf("export class "));
  const out = new Map();
  const re = /(?:\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*)?\n  (static\s+)?(get |set |async )?([a-zA-Z]\w*)\s*(\([^)]*\))?\s*[{=]/g;
  for (const m of body.matchAll(re)) {
    const [, doc, isStatic, accessor, name, params] = m;
    if (name === "constructor" || /^(if|for|while|switch|return)$/.test(name)) continue;
    if (["connectedCallback", "attributeChangedCallback", "disconnectedCallback", "observedAttributes"].includes(name)) continue;
    const description = (doc ?? "").split("\n").map((l) => l.replace(/^\s*\* ?/, "").trim()).filter(Boolean).join(" ");
    const kind = accessor === "get " || accessor === "set " || !params ? "field" : "method";
    const key = `${isStatic ? "static " : ""}${name}`;
    const prev = out.get(key);
    const entry = { kind, name, ...(isStatic ? { static: true } : {}), ...(description ? { description } : prev?.description ? { description: prev.description } : {}) };
    if (kind === "method") entry.parameters = params.slice(1, -1).split(",").map((p) => p.trim()).filter(Boolean).map((p) => ({ name: p.replace(/=.*$/, "").trim() }));
    if (accessor === "get " && !body.includes(`set ${name}(`)) entry.readonly = true;
    out.set(key, entry);
  }
  return [...out.values()];
}

/** One element's class declaration, from its source's JSDoc. */
function declarationOf(source) {
  const { description, tags: list } = tags(classDoc(source));
  const className = /export class (\w+)/.exec(source)[1];
  const all = (names) => list.filter((t) => names.includes(t.tag)).map((t) => split(t.rest));
  const tagName = list.find((t) => t.tag === "element")?.rest.trim();
  const summary = list.find((t) => t.tag === "summary")?.rest.trim();
  const attrFields = Object.fromEntries([...source.matchAll(/^\s+"?([a-z-]+)"?: "(\w+)",$/gm)].map((m) => [m[1], m[2]]));
  const declaration = {
    kind: "class",
    name: className,
    tagName,
    customElement: true,
    description,
    ...(summary ? { summary } : {}),
    superclass: { name: "HTMLElement" },
    attributes: all(["attr", "attribute"]).map((a) => ({
      name: a.name,
      ...(a.type ? { type: { text: a.type } } : {}),
      description: a.description,
      ...(attrFields[a.name] ? { fieldName: attrFields[a.name] } : {}),
    })),
    events: all(["event", "fires"]).map((e) => ({ name: e.name, ...(e.type ? { type: { text: e.type } } : {}), description: e.description })),
    cssParts: all(["csspart"]).map((p) => ({ name: p.name, description: p.description })),
    cssProperties: all(["cssprop", "cssproperty"]).map((p) => ({ name: p.name, ...(p.default ? { default: p.default } : {}), description: p.description })),
    members: members(source),
  };
  return declaration;
}

/** The modules of one element: its class's module and the entry module that defines its tag. */
function modulesOf(declaration, classModule, entryModule) {
  const ref = { name: declaration.name, module: classModule };
  return [
    { kind: "javascript-module", path: classModule, declarations: [declaration], exports: [{ kind: "js", name: declaration.name, declaration: ref }] },
    {
      kind: "javascript-module",
      path: entryModule,
      declarations: [],
      exports: [
        { kind: "js", name: declaration.name, declaration: ref },
        { kind: "custom-element-definition", name: declaration.tagName, declaration: ref },
      ],
    },
  ];
}

/** Both elements: <incentive-widget> (first) and <incentive-plan-lab>. */
export function manifest(source = readFileSync(ELEMENT_SOURCE, "utf8"), lab = readFileSync(LAB_SOURCE, "utf8")) {
  return {
    schemaVersion: "1.0.0",
    readme: "",
    modules: [
      ...modulesOf(declarationOf(source), "incentive-widget-element.js", "incentive-widget.js"),
      ...modulesOf(declarationOf(lab), "lib/lab-element.js", "incentive-plan-lab.js"),
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(manifest(), null, 2)}\n`);
}

#!/usr/bin/env node
// Assembles dist/ from www/ and the built pkg/ (scripts/build.sh runs this
// after wasm-pack):
//
//   dist/incentive-widget/   what a portal copies: the entry module
//                            incentive-widget.js, the element, its CSS, lib/,
//                            and the engine (incentive_widget.js + .wasm).
//                            Self-contained; every file is found relative to
//                            the entry module.
//   dist/index.html          the demo page (www/demo/index.html)
//   dist/demo/               its script and stylesheet
//   dist/sample/             the demo's plan and activity
//
//   node scripts/dist.mjs
//
// Plain copies, no bundler: the element is ES modules as written.

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WWW = join(ROOT, "www");
const PKG = join(ROOT, "pkg");
const DIST = join(ROOT, "dist");
const WIDGET = join(DIST, "incentive-widget");

function die(msg) {
  console.error(`dist: error: ${msg}`);
  process.exit(1);
}

function copy(from, to) {
  if (!existsSync(from)) die(`${relative(ROOT, from)} is missing`);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

if (!existsSync(join(PKG, "incentive_widget.js")) || !existsSync(join(PKG, "incentive_widget_bg.wasm"))) {
  die("pkg/ is not built; run: bash scripts/build.sh");
}

rmSync(DIST, { recursive: true, force: true });

// The widget folder.
for (const f of ["incentive-widget.js", "incentive-widget-element.js", "incentive-widget.css", "incentive-widget.d.ts"]) {
  copy(join(WWW, f), join(WIDGET, f));
}
for (const f of readdirSync(join(WWW, "lib")).filter((f) => f.endsWith(".js"))) {
  copy(join(WWW, "lib", f), join(WIDGET, "lib", f));
}
for (const f of readdirSync(PKG).filter((f) => /\.(js|wasm|d\.ts)$/.test(f))) {
  copy(join(PKG, f), join(WIDGET, f));
}

// The demo, served at the root of dist/.
copy(join(WWW, "demo", "index.html"), join(DIST, "index.html"));
for (const f of readdirSync(join(WWW, "demo")).filter((f) => f !== "index.html")) {
  copy(join(WWW, "demo", f), join(DIST, "demo", f));
}
copy(join(WWW, "sample"), join(DIST, "sample"));

// What was written.
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
let total = 0;
for (const p of walk(DIST).sort()) {
  const size = statSync(p).size;
  if (p.startsWith(WIDGET)) total += size;
  console.log(`dist: ${relative(ROOT, p).padEnd(52)} ${String(size).padStart(8)} bytes`);
}
console.log(`dist: dist/incentive-widget/ is ${total} bytes in all; serve dist/ to see the demo at /`);

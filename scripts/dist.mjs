#!/usr/bin/env node
// Assembles dist/ from www/ and the built pkg/ (scripts/build.sh runs this
// after wasm-pack):
//
//   dist/incentive-widget/   what a portal copies: the entry module
//                            incentive-widget.js, the element, its CSS, lib/,
//                            and the engine (incentive_widget.js + .wasm);
//                            lab/ the plan lab's engine (pkg-lab/).
//                            Self-contained; every file is found relative to
//                            the entry module.
//                            Also offline.js (www/offline/offline.js) for a
//                            service worker to import, stamped with the
//                            folder's file list and a hash of their content.
//   dist/index.html          the demo page (www/demo/index.html)
//   dist/lab.html            the plan lab's demo page (www/demo/lab.html)
//   dist/sw.js               the demo's service worker (www/offline/demo-sw.js):
//                            at the root so that its scope is the demo
//   dist/demo/               its script and stylesheet
//   dist/sample/             the demo's plan and activity; viewers/ID.json each viewer's cut
//
//   node scripts/dist.mjs
//
// Plain copies, no bundler: the element is ES modules as written.

import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { manifest } from "./manifest.mjs";
import { pack } from "./npm-pack.mjs";

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
for (const f of ["incentive-widget.js", "incentive-widget-element.js", "incentive-widget.css", "incentive-widget.d.ts", "incentive-plan-lab.js"]) {
  copy(join(WWW, f), join(WIDGET, f));
}
for (const f of readdirSync(join(WWW, "lib")).filter((f) => /\.(js|css)$/.test(f))) {
  copy(join(WWW, "lib", f), join(WIDGET, "lib", f));
}
for (const f of readdirSync(PKG).filter((f) => /\.(js|wasm|d\.ts)$/.test(f))) {
  copy(join(PKG, f), join(WIDGET, f));
}
// The plan lab's engine (pkg-lab/: the Lab bindings too), loaded only by
// <incentive-plan-lab>'s workers: the rep's page never downloads it.
const PKG_LAB = join(ROOT, "pkg-lab");
if (!existsSync(join(PKG_LAB, "incentive_widget.js")) || !existsSync(join(PKG_LAB, "incentive_widget_bg.wasm"))) {
  die("pkg-lab/ is not built; run: bash scripts/build.sh");
}
for (const f of ["incentive_widget.js", "incentive_widget_bg.wasm"]) copy(join(PKG_LAB, f), join(WIDGET, "lab", f));
// The custom-elements manifest, from the element's JSDoc (scripts/manifest.mjs).
writeFileSync(join(WIDGET, "custom-elements.json"), `${JSON.stringify(manifest(), null, 2)}\n`);

// Offline: offline.js learns the folder's files (what a page fetches: no
// .d.ts) and their hash, which names the cache; a new build, a new cache.
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const OFFLINE_SRC = join(WWW, "offline", "offline.js");
if (!existsSync(OFFLINE_SRC)) die("www/offline/offline.js is missing");
const cached = walk(WIDGET)
  .map((p) => relative(WIDGET, p).split(sep).join("/"))
  .filter((f) => !f.endsWith(".d.ts") && f !== "custom-elements.json")
  .sort();
const hash = createHash("sha256");
for (const f of cached) hash.update(`${f}\0`).update(readFileSync(join(WIDGET, f))).update("\0");
const BUILD_LINE = 'const BUILD = { version: "dev", files: [] };';
const offline = readFileSync(OFFLINE_SRC, "utf8");
if (!offline.includes(BUILD_LINE)) die(`www/offline/offline.js no longer has the line ${BUILD_LINE}`);
const build = { version: hash.digest("hex").slice(0, 16), files: cached };
writeFileSync(join(WIDGET, "offline.js"), offline.replace(BUILD_LINE, `const BUILD = ${JSON.stringify(build)};`));

// The demo, served at the root of dist/, with its service worker.
copy(join(WWW, "demo", "index.html"), join(DIST, "index.html"));
copy(join(WWW, "demo", "lab.html"), join(DIST, "lab.html"));
for (const f of readdirSync(join(WWW, "demo")).filter((f) => f !== "index.html" && f !== "lab.html")) {
  copy(join(WWW, "demo", f), join(DIST, "demo", f));
}
copy(join(WWW, "offline", "demo-sw.js"), join(DIST, "sw.js"));
copy(join(WWW, "sample"), join(DIST, "sample"));
// The plan lab's organisation (200 people, 20,000 deals; seeded).
{
  const { organisation } = await import("./lab-sample.mjs");
  writeFileSync(join(DIST, "sample", "lab", "activity.json"), JSON.stringify(organisation({ participants: 200, deals: 20000 })));
}
// Each viewer's own cut of the sample (the package's activityFor, as
// `incentive cut`): what a portal serves each person. The demo's "Only my
// data" switch loads these.
{
  const { default: init, Engine } = await import(join(PKG, "incentive_widget.js"));
  await init({ module_or_path: readFileSync(join(PKG, "incentive_widget_bg.wasm")) });
  const samplePlan = readFileSync(join(WWW, "sample", "plan.json"), "utf8");
  const sampleActivity = readFileSync(join(WWW, "sample", "activity.json"), "utf8");
  const engine = new Engine(samplePlan, sampleActivity);
  mkdirSync(join(DIST, "sample", "viewers"), { recursive: true });
  for (const { id } of engine.people()) {
    writeFileSync(join(DIST, "sample", "viewers", `${id}.json`), JSON.stringify(engine.activityFor(id), null, 1) + "\n");
  }
  engine.free();
}

// Embedding examples, served by the demo at /embed/: plain HTML, React
// (bundled here by esbuild: React ships no browser module) and Vue (its
// runtime-only ES module build: no template compiler, no eval under the CSP).
const EMBED = join(WWW, "embed");
for (const f of readdirSync(EMBED).filter((f) => !f.endsWith(".jsx"))) copy(join(EMBED, f), join(DIST, "embed", f));
copy(join(ROOT, "node_modules", "vue", "dist", "vue.runtime.esm-browser.prod.js"), join(DIST, "embed", "vendor", "vue.js"));
const esbuild = await import("esbuild");
esbuild.buildSync({
  entryPoints: [join(EMBED, "react.jsx")],
  outfile: join(DIST, "embed", "react.js"),
  bundle: true,
  format: "esm",
  minify: true,
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  // The element stays in its own folder (it finds its CSS and wasm beside itself).
  external: ["../incentive-widget/*"],
  logLevel: "warning",
});

// What was written.
let total = 0;
for (const p of walk(DIST).sort()) {
  const size = statSync(p).size;
  if (p.startsWith(WIDGET)) total += size;
  console.log(`dist: ${relative(ROOT, p).padEnd(52)} ${String(size).padStart(8)} bytes`);
}
console.log(`dist: dist/incentive-widget/offline.js: build ${build.version}, ${cached.length} files cached for offline use`);
console.log(`dist: dist/incentive-widget/ is ${total} bytes in all; serve dist/ to see the demo at /`);

// The npm package (scripts/npm-pack.mjs): dist/incentive-widget-<version>.tgz.
console.log(`dist: ${relative(ROOT, pack())} (npm package)`);

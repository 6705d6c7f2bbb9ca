// The npm package: dist/incentive-widget/ (the engine module and its wasm,
// its types, the element, its CSS, the custom-elements manifest) with a
// package.json whose `exports` map names the three ways in, packed by
// `npm pack` into dist/incentive-widget-<version>.tgz. scripts/dist.mjs
// runs this after assembling dist/; tests/node/npm-package.test.mjs and
// tests/browser/npm-package.test.mjs install the tarball into a scratch
// project and import it as a portal would.
//
//   import { Engine } from "incentive-widget";           // the engine (also "incentive-widget/engine")
//   import "incentive-widget/element";                   // defines <incentive-widget>
//   import "incentive-widget/plan-lab";                  // defines <incentive-plan-lab> (its engine in lab/)
//
// Works with a bundler (the element finds its CSS and the wasm through
// `new URL(…, import.meta.url)`) and without one (an import map).

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const WIDGET = join(DIST, "incentive-widget");
const OUT = join(DIST, "npm", "incentive-widget");

/** The crate's version (Cargo.toml): the package and the engine share it. */
function version() {
  const m = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"));
  if (!m) throw new Error("Cargo.toml names no version");
  return m[1];
}

export function packageJson(v = version()) {
  return {
    name: "incentive-widget",
    version: v,
    description: "Joint marketing and sales incentive pay, computed in the browser by a Rust/WebAssembly engine: a custom element and the engine.",
    license: "UNLICENSED",
    type: "module",
    main: "./incentive_widget.js",
    types: "./incentive_widget.d.ts",
    exports: {
      ".": { types: "./incentive_widget.d.ts", default: "./incentive_widget.js" },
      "./engine": { types: "./incentive_widget.d.ts", default: "./incentive_widget.js" },
      "./element": { types: "./incentive-widget.d.ts", default: "./incentive-widget.js" },
      "./element-class": { types: "./incentive-widget.d.ts", default: "./incentive-widget-element.js" },
      "./plan-lab": "./incentive-plan-lab.js",
      "./incentive_widget_bg.wasm": "./incentive_widget_bg.wasm",
      "./custom-elements.json": "./custom-elements.json",
      "./package.json": "./package.json",
    },
    customElements: "custom-elements.json",
    sideEffects: ["./incentive-widget.js"],
    files: ["*.js", "*.d.ts", "*.wasm", "*.css", "lib/", "lab/", "custom-elements.json", "README.md"],
  };
}

const README = `# incentive-widget

Joint marketing and sales incentive pay, computed in the browser by the same
Rust engine finance runs for the pay run.

\`\`\`js
import "incentive-widget/element";               // defines <incentive-widget>
import init, { Engine } from "incentive-widget";  // the engine itself
\`\`\`

\`\`\`html
<incentive-widget participant="rep-ada" plan-src="/comp/plan.json" activity-src="/comp/activity.json"></incentive-widget>
\`\`\`

The element finds its stylesheets and the engine's \`.wasm\` beside itself
(\`new URL(…, import.meta.url)\`), so bundlers copy them and a page without a
bundler needs only an import map. \`custom-elements.json\` describes the
element's attributes, events, parts and CSS properties.
`;

export function pack() {
  if (!existsSync(join(WIDGET, "incentive_widget.js"))) throw new Error("dist/incentive-widget/ is not built");
  rmSync(join(DIST, "npm"), { recursive: true, force: true });
  cpSync(WIDGET, OUT, { recursive: true, filter: (src) => !src.endsWith("offline.js") });
  const pkg = packageJson();
  writeFileSync(join(OUT, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(OUT, "README.md"), README);
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", DIST], { cwd: OUT, encoding: "utf8" }).trim().split("\n").pop();
  return join(DIST, out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`npm: ${pack()}`);
}

// <incentive-widget> against hostile data, end to end: the BUILT dist/ in
// Debian's headless Chromium (conventions of widget.test.mjs: any console
// error, page error, failed request, dialog, CSP violation or request to
// another origin fails the test; en-US and UTC pinned).
//
//   bash scripts/build.sh            # builds pkg/ and dist/
//   node --test tests/browser/hostile.test.mjs
//
// - XSS: every payload below goes into every string the widget shows (plan,
//   role and component names, participant ids and names, deal ids and
//   names, products, campaigns, metric names, scenario names, error
//   messages), set as properties and loaded through plan-src/activity-src,
//   with every disclosure and explanation opened. Under the strict CSP (an
//   injection would be a violation) and with no CSP at all (an injection
//   would run): no dialog, no script, no element or attribute from the data
//   in the shadow DOM, and the text shown exactly as given.
// - plan-src / activity-src that answer HTML, 404, 500, an empty body, 100k
//   levels of nesting, or never answer: a readable error, the last good
//   numbers kept, and the widget gives up after its timeout
//   (IncentiveWidgetElement.fetchTimeout).
// - Corrupt and hostile saved scenarios (localStorage): reported, reset,
//   shown as text.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { STRICT_CSP } from "./helpers/server.mjs";
import { assertClean, launch, openPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
const JOINT = join(FIXTURES, "joint-company-goal");
const fixturePlan = JSON.parse(readFileSync(join(JOINT, "plan.json"), "utf8"));
const fixtureActivity = JSON.parse(readFileSync(join(JOINT, "activity.json"), "utf8"));
const KEY_PREFIX = "incentive-widget/scenario/";

// --- payloads ------------------------------------------------------------------------
// Each sets window.__xss or opens a dialog if it ever runs. At most ~300
// bytes each: with the suffixes below every string stays under the core's
// 1,000-byte limit.

const PAYLOADS = [
  `<script>window.__xss="script"</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<img src=x onerror=alert(1)>`,
  `<svg onload="window.__xss='svg'">`,
  `<svg/onload=window.__xss='svg-slash'>`,
  `<svg><script>window.__xss='svg-script'</script></svg>`,
  `<svg><animate onbegin="window.__xss='animate'" attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:window.__xss='xlink'"><text y=20>x</text></a></svg>`,
  `<svg><foreignObject><img src=x onerror="window.__xss='fo'"></foreignObject></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='math'">`,
  `<math href="javascript:window.__xss='math-href'">CLICK</math>`,
  `<iframe src="javascript:parent.__xss='iframe'"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss='srcdoc'</script>"></iframe>`,
  `<template><img src=x onerror="window.__xss='template'"></template>`,
  `<template shadowrootmode="open"><img src=x onerror="window.__xss='dsd'"></template>`,
  `<style>*{background:url("javascript:window.__xss='css'")}</style>`,
  `</style><script>window.__xss='style-close'</script>`,
  `</style><img src=x onerror="window.__xss='style-close-img'">`,
  `</title><script>window.__xss='title-close'</script>`,
  `</textarea><img src=x onerror="window.__xss='textarea'">`,
  `</script><script>window.__xss='script-close'</script>`,
  `"><script>window.__xss='attr-break'</script>`,
  `'><img src=x onerror="window.__xss='sq'">`,
  `" onmouseover="window.__xss='attr'" x="`,
  `' autofocus onfocus='window.__xss="focus"`,
  `<details open ontoggle="window.__xss='details'">`,
  `<input autofocus onfocus="window.__xss='input'">`,
  `<body onload="window.__xss='body'">`,
  `<video><source onerror="window.__xss='video'"></video>`,
  `<audio src=x onerror="window.__xss='audio'">`,
  `<object data="javascript:window.__xss='object'">`,
  `<embed src="javascript:window.__xss='embed'">`,
  `<base href="javascript:window.__xss='base'//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss='meta'">`,
  `<form action="javascript:window.__xss='form'"><button>go</button></form>`,
  `<a href="javascript:window.__xss='a'">click</a>`,
  `<a href=# onclick="window.__xss='click'">click</a>`,
  `javascript:window.__xss='url'`,
  `JaVaScRiPt:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  `<marquee onstart="window.__xss='marquee'">`,
  `<x contenteditable onblur="window.__xss='blur'">lose focus</x>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss='noscript'>">`,
  `<!--<img src="--><img src=x onerror="window.__xss='comment'">`,
  `<![CDATA[<script>window.__xss='cdata'</script>]]>`,
  `<scr<script>ipt>window.__xss='nested'</scr</script>ipt>`,
  `<div style="background:url(javascript:window.__xss='style-attr')">`,
  `<isindex type=image src=1 onerror="window.__xss='isindex'">`,
  `<button popovertarget=p>x</button><div popover id=p onbeforetoggle="window.__xss='popover'">`,
  `{{constructor.constructor('window.__xss="angular"')()}}`,
  `\${window.__xss='template-literal'}`,
  `{{7*7}} <%= 7*7 %> #{7*7} [[7*7]]`,
  `&lt;script&gt;window.__xss='entity'&lt;/script&gt;`,
  `&#60;img src=x onerror=window.__xss='numeric-entity'&#62;`,
  `%3Cscript%3Ewindow.__xss='percent'%3C/script%3E`,
  `\\x3cscript\\x3ewindow.__xss='hex'\\x3c/script\\x3e`,
  `Ｒｅｐ ＜ｓｃｒｉｐｔ＞ fullwidth`,
  `\u202Egnp.exe\u202C RTL override`,
  `\u200B\u200D\uFEFF\u2066zero-width\u2069`,
  `emoji 🙂👨‍👩‍👧 and combining ǹ̶̛`,
  `line\nbreak\r\nand\ttab`,
  `NUL\u0000inside`,
  `__proto__`,
  `constructor`,
  `toString`,
  `<b>${"<i>".repeat(70)}</b>`,
];

// --- a dataset carrying one payload in every string -------------------------------------------

/** A plan and activity with payload P in every string the widget can show. */
function dataset(P) {
  const plan = {
    name: `${P} #plan`,
    currency: "USD",
    period: { start: "2027-01-01", end: "2027-03-31" },
    company_goal: { target: "100000" },
    roles: [
      {
        id: P,
        name: `${P} #role`,
        quota: { credit: "owner" },
        components: [
          {
            kind: "commission", name: `${P} #commission`, rate: "0.1",
            products: { [P]: "1.5" },
            tiers: { mode: "marginal", bands: [{ from: "0", multiplier: "1" }, { from: "1", multiplier: "1.5" }] },
            cap: "100000",
          },
          { kind: "spif", name: `${P} #spif`, amount: "100", deals: { products: [P] } },
          { kind: "bonus", name: `${P} #bonus`, measure: { metric: P }, curve: [{ at: "0.5", payout: "0.5" }, { at: "1", payout: "1" }] },
          { kind: "modifier", name: `${P} #modifier`, measure: "company", bands: [{ from: "0", multiplier: "1" }, { from: "1", multiplier: "1.1" }], applies_to: [`${P} #commission`] },
        ],
      },
      {
        id: `${P} #marketing`,
        name: `${P} #marketing role`,
        quota: { credit: "attribution", attribution: { model: "linear" } },
        components: [{ kind: "commission", name: `${P} #influenced`, credit: "attribution", attribution: { model: "linear" }, rate: "0.01" }],
      },
    ],
  };
  const owners = [{ participant: P, split: "1" }];
  const activity = {
    as_of: "2027-03-15",
    participants: [
      { id: P, name: `${P} #name`, role: P, quota: "10000", target_bonus: "1000", metrics: { [P]: "0.75" } },
      { id: `${P} #marketer`, name: `${P} #marketer name`, role: `${P} #marketing`, quota: "10000" },
    ],
    deals: [
      {
        id: `${P} #1`, name: P, type: "new", source: "marketing", close_date: "2027-01-10", product: P, amount: "4000", list_price: "5000", owners,
        touches: [{ participant: `${P} #marketer`, campaign: P, at: "2027-01-02", marks: ["lead_created"] }, { campaign: `${P} #campaign`, at: "2027-01-05" }],
      },
      { id: P, type: "new", close_date: "2027-02-10", lines: [{ product: `${P} #other`, amount: "3000" }, { product: P, amount: "1000" }], owners },
      { id: `${P} #3`, name: `${P} #cancelled`, type: "new", stage: "cancelled", close_date: "2027-02-20", amount: "2000", owners },
      { id: `${P} #4`, name: `${P} #installed`, type: "expansion", stage: "installed", close_date: "2027-03-01", amount: "1000", owners },
    ],
    payments: [{ participant: P, deal: `${P} #3`, amount: "200" }],
  };
  return { plan, activity };
}

// --- a server: static folders plus hostile endpoints --------------------------------------------

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

const HTML_PAGE = `<!doctype html><html><head><title>Sign in</title><script>window.__xss = "served-html"</script></head>
<body><form action="/login"><input name=user><img src=x onerror="window.__xss='served-img'"></form></body></html>`;

/**
 * csp: the policy header, or null for none. Resolves to
 * { url, data: Map(path → JSON text) served under /__hostile__/data/, close() }.
 */
async function startHostileServer({ csp = STRICT_CSP } = {}) {
  const mounts = [["/__fixtures__/", resolve(FIXTURES)], ["/__test__/", resolve(PAGES)], ["/", resolve(DIST)]];
  const data = new Map();
  const hanging = new Set();
  const headers = (extra) => ({ ...(csp ? { "Content-Security-Policy": csp } : {}), "Cache-Control": "no-store", ...extra });
  const hostile = {
    "/__hostile__/html": (res) => {
      res.writeHead(200, headers({ "Content-Type": "text/html; charset=utf-8" }));
      res.end(HTML_PAGE);
    },
    "/__hostile__/html-labelled-json": (res) => {
      res.writeHead(200, headers({ "Content-Type": "application/json" }));
      res.end(HTML_PAGE);
    },
    "/__hostile__/404": (res) => {
      res.writeHead(404, headers({ "Content-Type": "text/html; charset=utf-8" }));
      res.end("<h1>Not found</h1><script>window.__xss='404'</script>");
    },
    "/__hostile__/500": (res) => {
      res.writeHead(500, headers({ "Content-Type": "application/json" }));
      res.end('{"error": "<img src=x onerror=alert(1)>"}');
    },
    "/__hostile__/empty": (res) => {
      res.writeHead(200, headers({ "Content-Type": "application/json" }));
      res.end("");
    },
    "/__hostile__/deep": (res) => {
      res.writeHead(200, headers({ "Content-Type": "application/json" }));
      res.end(`{"participants": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    },
    "/__hostile__/array": (res) => {
      res.writeHead(200, headers({ "Content-Type": "application/json" }));
      res.end('["<img src=x onerror=alert(1)>"]');
    },
    // Never answers.
    "/__hostile__/hang": (res, req) => {
      hanging.add(req.socket);
    },
    // Headers, then a body that never ends.
    "/__hostile__/stall": (res, req) => {
      hanging.add(req.socket);
      res.writeHead(200, headers({ "Content-Type": "application/json" }));
      res.write('{"name": "stalled", "roles": [');
    },
  };
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400, headers({ "Content-Type": "text/plain" }));
      return res.end("bad path\n");
    }
    if (hostile[path]) return hostile[path](res, req);
    if (path.startsWith("/__hostile__/data/")) {
      const body = data.get(path.slice("/__hostile__/data/".length));
      res.writeHead(body === undefined ? 404 : 200, headers({ "Content-Type": "application/json; charset=utf-8" }));
      return res.end(body ?? "{}");
    }
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) ?? [];
    let file = dir && normalize(join(dir, path.slice(prefix.length)));
    try {
      if (!file || (file !== dir && !file.startsWith(dir + sep))) throw new Error("outside");
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file);
      }
      res.writeHead(200, headers({ "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": info.size, "X-Content-Type-Options": "nosniff" }));
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, headers({ "Content-Type": "text/plain" }));
      res.end("not found\n");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    data,
    close: () => {
      for (const s of hanging) s.destroy();
      server.closeAllConnections?.();
      return new Promise((ok) => server.close(ok));
    },
  };
}

let strict;
let open;
let browser;

before(async () => {
  if (!existsSync(join(DIST, "incentive-widget", "incentive-widget.js")) || !existsSync(join(DIST, "incentive-widget", "incentive_widget_bg.wasm"))) {
    throw new Error("dist/ is not built: run `bash scripts/build.sh` (or `node scripts/dist.mjs` after building pkg/)");
  }
  strict = await startHostileServer();
  open = await startHostileServer({ csp: null });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await strict?.close();
  await open?.close();
});

/**
 * Opens path on server, runs fn(page, watch), then asserts the page stayed
 * clean: nothing ran (window.__xss unset), no dialog, no console error.
 * allow: regexps of console errors or failed requests the test provokes.
 */
async function withPage(server, path, fn, { allow = [], init = null } = {}) {
  const watch = await openPage(browser, server.url);
  try {
    if (init) await watch.context.addInitScript(init.fn, init.arg);
    const response = await watch.page.goto(`${server.url}${path}`);
    assert.equal(response.status(), 200, `GET ${path}`);
    assert.equal(response.headers()["content-security-policy"], server === strict ? STRICT_CSP : undefined);
    await fn(watch.page, watch);
    await watch.page.waitForTimeout(100); // an onerror or onload would have fired by now
    assert.equal(await watch.page.evaluate(() => window.__xss), undefined, "a payload ran");
    watch.problems.splice(0, Infinity, ...watch.problems.filter((p) => !allow.some((re) => re.test(p))));
    assertClean(watch, assert);
  } finally {
    await watch.context.close();
  }
}

// --- in-page helpers (serialized into the page) ---------------------------------------------------

/** Adds <incentive-widget id=w> to the blank page. Runs in the page. */
async function addWidget() {
  await customElements.whenDefined("incentive-widget");
  const w = document.createElement("incentive-widget");
  w.id = "w";
  w.locale = "en-US";
  document.querySelector("#host").append(w);
  return true;
}

/**
 * Runs in the page: waits for the widget to settle, opens every disclosure,
 * explanation and the what-if panel, and reports what the shadow DOM holds.
 */
async function openAndInspect() {
  const w = document.querySelector("#w");
  await w.updateComplete;
  const root = w.shadowRoot;
  for (const d of root.querySelectorAll("details")) d.open = true;
  for (const b of root.querySelectorAll(".explain-button[aria-expanded='false']")) b.click();
  const toggle = root.querySelector(".whatif-toggle[aria-expanded='false']");
  toggle?.click();
  for (const d of root.querySelectorAll("details")) d.open = true;
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  await w.updateComplete;

  const bad = [];
  const tags = new Set();
  const DANGEROUS = "script, iframe, frame, frameset, img, image, object, embed, applet, math, template, style, base, meta, video, audio, source, marquee, isindex, noscript, foreignObject, animate, set, portal";
  for (const el of root.querySelectorAll(DANGEROUS)) bad.push(`<${el.localName}> in the shadow DOM`);
  for (const el of root.querySelectorAll("*")) {
    tags.add(el.localName);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}>`);
      if (["style", "srcdoc", "formaction", "src", "action", "xlink:href", "data"].includes(a.name)) bad.push(`<${el.localName} ${a.name}=…>`);
      if (/^\s*(javascript|data|vbscript):/i.test(a.value) && /^(href|src|action|formaction|data|xlink:href)$/i.test(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
    }
    if (el.shadowRoot && el !== w) bad.push(`a shadow root on <${el.localName}>`);
  }
  // Only the widget's own stylesheets, from its own folder (each view links its sheet).
  const own = (href) => new URL(href).origin === location.origin && /\/(incentive-widget\.css|lib\/[a-z-]+\.css)$/.test(href);
  for (const l of root.querySelectorAll("link")) if (!own(l.href)) bad.push(`<link href=${l.href}>`);
  for (const el of document.querySelectorAll("*")) for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`light DOM <${el.localName} ${a.name}>`);

  const st = w.statement;
  const text = (sel) => [...root.querySelectorAll(sel)].map((n) => n.textContent);
  const visible = (sel) => [...root.querySelectorAll(sel)].filter((n) => n.checkVisibility()).map((n) => n.textContent);
  return {
    bad,
    tags: [...tags].sort(),
    participant: st?.participant ?? null,
    title: visible("[part~='title']")[0] ?? null,
    subtitle: visible("[part~='subtitle']")[0] ?? null,
    dealNames: visible("tr.line .deal-name"),
    dealMeta: text("tr.line .deal-meta"),
    components: visible(".component-name"),
    // A line's words for people on screen, the engine's sentence under "Exact figures".
    explains: [...visible("[part~='explain']"), ...text(".explain-row .exact-text")],
    words: visible("[part~='explain']"),
    wantExplains: (st?.components ?? []).filter((c) => c.kind === "commission" || c.kind === "spif").flatMap((c) => c.lines.map((l) => l.explain)),
    clawback: visible("[part~='clawback']")[0] ?? null,
    effects: text("[part~='company-effects'] li"),
    errors: visible("[part~='error'] li"),
    card: root.querySelector("[part~='card']").textContent,
  };
}

/** The checks on what openAndInspect found for payload P. */
function assertShownAsText(seen, P, baselineTags, label) {
  assert.deepEqual(seen.bad, [], `${label}: elements or attributes from data`);
  const extra = seen.tags.filter((t) => !baselineTags.includes(t));
  assert.deepEqual(extra, [], `${label}: element kinds that plain data doesn't make`);
  assert.equal(seen.participant, P, `${label}: a statement is shown`);
  assert.equal(seen.title, `${P} #name`, `${label}: participant name`);
  assert.ok(seen.subtitle.includes(`${P} #role`) && seen.subtitle.includes(`${P} #plan`), `${label}: role and plan names: ${seen.subtitle}`);
  assert.ok(seen.dealNames.includes(P), `${label}: a deal named P, and a deal whose id is P: ${JSON.stringify(seen.dealNames)}`);
  assert.equal(seen.dealNames.filter((n) => n === P).length >= 2, true, `${label}: both`);
  assert.ok(seen.dealNames.includes(`${P} #installed`), label);
  assert.ok(seen.dealMeta.some((m) => m.startsWith(`${P} #1 · `)), `${label}: deal ids in the meta line`);
  for (const c of ["commission", "spif", "bonus", "modifier"]) assert.ok(seen.components.includes(`${P} #${c}`), `${label}: component ${c}`);
  // Every explanation is the engine's sentence, character for character.
  assert.ok(seen.wantExplains.length >= 3, label);
  for (const e of seen.wantExplains) assert.ok(seen.explains.includes(e), `${label}: explain shown as given: ${e}`);
  // The words name the plan's products and modifiers as text too.
  assert.ok(seen.words.some((w) => w.includes(`${P} #modifier`)), `${label}: words: ${JSON.stringify(seen.words)}`);
  assert.ok(seen.clawback.includes(`${P} #cancelled (${P} #3)`), `${label}: clawback note: ${seen.clawback}`);
  assert.ok(seen.effects.some((e) => e.includes(`${P} #modifier`)), `${label}: company effects`);
  assert.ok(seen.card.includes(P), label);
}

// --- XSS ---------------------------------------------------------------------------------------

describe("XSS: payloads in every string are shown as text", () => {
  test(`${PAYLOADS.length} payloads (at least 50) in ${Object.keys({ plan: 1, role: 1, components: 1, participant: 1, deals: 1, products: 1, campaigns: 1, metrics: 1 }).length} kinds of places`, () => {
    assert.ok(PAYLOADS.length >= 50, `${PAYLOADS.length} payloads`);
    assert.equal(new Set(PAYLOADS).size, PAYLOADS.length, "no duplicates");
    for (const P of PAYLOADS) {
      const bytes = Buffer.byteLength(JSON.stringify(dataset(P).activity.deals[0].touches[1].campaign));
      assert.ok(bytes < 1000, `payload under the string limit: ${P}`);
    }
  });

  for (const [name, server, via] of [
    ["strict CSP, set as properties", () => strict, "properties"],
    ["strict CSP, loaded through plan-src and activity-src", () => strict, "src"],
    ["no CSP at all (an injection would run), set as properties", () => open, "properties"],
  ]) {
    test(name, async () => {
      const srv = server();
      if (via === "src") {
        PAYLOADS.forEach((P, i) => {
          const { plan, activity } = dataset(P);
          srv.data.set(`p${i}-plan.json`, JSON.stringify(plan));
          srv.data.set(`p${i}-activity.json`, JSON.stringify(activity));
        });
      }
      await withPage(srv, "/__test__/blank.html", async (page) => {
        await page.evaluate(addWidget);
        // The element kinds a plain dataset renders to: nothing else may appear.
        const plain = dataset("Plain Name");
        await page.evaluate(({ plan, activity }) => {
          const w = document.querySelector("#w");
          w.plan = plan;
          w.activity = activity;
          w.participant = "Plain Name";
        }, plain);
        await page.waitForFunction(() => document.querySelector("#w").statement?.participant === "Plain Name", null, { timeout: 20_000 });
        const baseline = await page.evaluate(openAndInspect);
        assertShownAsText(baseline, "Plain Name", baseline.tags, "baseline");

        for (const [i, P] of PAYLOADS.entries()) {
          const label = `payload ${i} ${JSON.stringify(P)}`;
          // As JSON text, parsed in the page: "__proto__" stays an own key.
          await page.evaluate(({ P, i, via, text }) => {
            const w = document.querySelector("#w");
            w.participant = P;
            if (via === "src") {
              w.planSrc = `/__hostile__/data/p${i}-plan.json`;
              w.activitySrc = `/__hostile__/data/p${i}-activity.json`;
            } else {
              const data = JSON.parse(text);
              w.plan = data.plan;
              w.activity = data.activity;
            }
          }, { P, i, via, text: JSON.stringify(dataset(P)) });
          await page.waitForFunction((p) => document.querySelector("#w").statement?.participant === p, P, { timeout: 20_000 });
          const seen = await page.evaluate(openAndInspect);
          assertShownAsText(seen, P, baseline.tags, label);
        }
      });
    });
  }

  test("payloads echoed in error messages are text too", async () => {
    await withPage(strict, "/__test__/blank.html", async (page) => {
      await page.evaluate(addWidget);
      const { plan, activity } = dataset("Plain Name");
      await page.evaluate(({ plan, activity }) => {
        const w = document.querySelector("#w");
        w.plan = plan;
        w.activity = activity;
        w.participant = "Plain Name";
        return w.updateComplete;
      }, { plan, activity });
      for (const P of PAYLOADS.slice(0, 20)) {
        // A currency, a deal type and a participant the engine rejects, each quoting P.
        const detail = await page.evaluate(async ({ P, plan }) => {
          const w = document.querySelector("#w");
          const got = new Promise((ok) => w.addEventListener("incentive-error", (e) => ok(e.detail), { once: true }));
          w.plan = { ...plan, currency: P.slice(0, 200) };
          const first = await got;
          w.upsertDeal({ id: P, type: P, close_date: "2027-01-01", amount: "1", owners: [{ participant: P, split: "1" }] });
          await w.updateComplete;
          return first;
        }, { P, plan });
        assert.equal(detail.source, "data");
        const seen = await page.evaluate(openAndInspect);
        assert.deepEqual(seen.bad, [], JSON.stringify(P));
        assert.ok(seen.errors.some((e) => e.includes("plan.currency")), seen.errors.join(" | "));
        // The last good numbers stay.
        assert.equal(seen.participant, "Plain Name");
        await page.evaluate((plan) => {
          const w = document.querySelector("#w");
          w.plan = plan;
          return w.updateComplete;
        }, plan);
      }
    });
  });
});

// --- plan-src / activity-src that misbehave ----------------------------------------------------

describe("plan-src and activity-src that misbehave: a readable error, the last good numbers kept", () => {
  const GOOD_PLAN = "/__fixtures__/joint-company-goal/plan.json";
  const GOOD_ACTIVITY = "/__fixtures__/joint-company-goal/activity.json";

  /** Loads the fixture by URL, then points kind-src at url; returns the error detail and what is shown. */
  async function breakSource(page, kind, url, { timeout } = {}) {
    return page.evaluate(
      async ({ kind, url, timeout, GOOD_PLAN, GOOD_ACTIVITY }) => {
        await customElements.whenDefined("incentive-widget");
        const Widget = customElements.get("incentive-widget");
        if (timeout) Widget.fetchTimeout = timeout;
        let w = document.querySelector("#w");
        if (!w) {
          w = document.createElement("incentive-widget");
          w.id = "w";
          w.locale = "en-US";
          w.participant = "rep-ada";
          w.planSrc = GOOD_PLAN;
          w.activitySrc = GOOD_ACTIVITY;
          document.querySelector("#host").append(w);
          for (let i = 0; i < 1000 && !w.statement; i++) await new Promise((ok) => setTimeout(ok, 20));
          await w.updateComplete;
        }
        const before = w.statement;
        const errors = [];
        w.addEventListener("incentive-error", (e) => errors.push(e.detail));
        const t0 = performance.now();
        if (kind === "plan") w.planSrc = url;
        else w.activitySrc = url;
        await w.updateComplete;
        const elapsed = performance.now() - t0;
        const root = w.shadowRoot;
        const panel = root.querySelector("[part~='error']");
        return {
          errors,
          elapsed,
          same: JSON.stringify(w.statement) === JSON.stringify(before),
          earned: root.querySelector(".figure-earned .figure-value").textContent,
          panelShown: panel.checkVisibility(),
          panelRole: panel.getAttribute("role"),
          panelText: panel.textContent,
          busy: root.querySelector("[part~='card']").getAttribute("aria-busy"),
          xss: window.__xss,
        };
      },
      { kind, url, timeout, GOOD_PLAN, GOOD_ACTIVITY },
    );
  }

  function assertKept(r, source, message) {
    assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
    const [e] = r.errors;
    assert.equal(e.source, source);
    assert.ok(e.problems.length >= 1);
    assert.match(e.problems.map((p) => `${p.path}: ${p.message}`).join("\n"), message);
    assert.ok(r.same, "the statement on screen is the last good one");
    assert.equal(r.earned, "$16,500.00");
    assert.ok(r.panelShown, "the problems panel is shown");
    assert.equal(r.panelRole, "alert");
    assert.match(r.panelText, /last good/);
    assert.match(r.panelText, message);
    assert.equal(r.busy, "false", "not loading any more");
    assert.equal(r.xss, undefined);
  }

  const cases = [
    ["plan", "/__hostile__/html", "plan-src", /sent a web page|not JSON/i, [/status of 200/]],
    ["plan", "/__hostile__/html-labelled-json", "plan-src", /sent a web page|not JSON/i, []],
    ["plan", "/__hostile__/404", "plan-src", /HTTP 404/, [/status of 404/]],
    ["activity", "/__hostile__/500", "activity-src", /HTTP 500/, [/status of 500/]],
    ["activity", "/__hostile__/empty", "activity-src", /not valid JSON|empty/i, []],
    ["plan", "/__hostile__/array", "data", /plan/, []],
    ["activity", "/__hostile__/deep", "data", /activity/, []],
    ["plan", "/no/such/plan.json", "plan-src", /HTTP 404/, [/status of 404/]],
  ];
  for (const [kind, url, source, message, allow] of cases) {
    test(`${kind}-src → ${url}`, async () => {
      await withPage(strict, "/__test__/blank.html", async (page) => {
        const r = await breakSource(page, kind, url);
        assertKept(r, source, message);
        // A good URL again clears the error.
        const fixed = await page.evaluate(async ({ kind, url }) => {
          const w = document.querySelector("#w");
          if (kind === "plan") w.planSrc = url;
          else w.activitySrc = url;
          await w.updateComplete;
          return { shown: w.shadowRoot.querySelector("[part~='error']").checkVisibility(), earned: w.statement.earned };
        }, { kind, url: kind === "plan" ? GOOD_PLAN : GOOD_ACTIVITY });
        assert.deepEqual(fixed, { shown: false, earned: "16500.00" });
      }, { allow: [...allow, /Failed to load resource/] });
    });
  }

  for (const [kind, url] of [["plan", "/__hostile__/hang"], ["activity", "/__hostile__/stall"]]) {
    test(`${kind}-src that never finishes (${url}): gives up after fetchTimeout`, async () => {
      await withPage(strict, "/__test__/blank.html", async (page) => {
        const r = await breakSource(page, kind, url, { timeout: 1500 });
        assertKept(r, `${kind}-src`, /did not answer within 1\.5 s/);
        assert.ok(r.elapsed >= 1400 && r.elapsed < 10_000, `gave up after ${r.elapsed} ms`);
      }, { allow: [new RegExp(`request failed: .*${url}`)] });
    });
  }

  test("the documented default timeout is 20 s", async () => {
    await withPage(strict, "/__test__/blank.html", async (page) => {
      const t = await page.evaluate(async () => {
        await customElements.whenDefined("incentive-widget");
        return customElements.get("incentive-widget").fetchTimeout;
      });
      assert.equal(t, 20_000);
      const doc = readFileSync(join(ROOT, "docs", "WIDGET.md"), "utf8");
      assert.match(doc, /fetchTimeout/);
    });
  });

  test("a widget that never had good data and a plan-src that never answers shows an error, not a spinner forever", async () => {
    await withPage(strict, "/__test__/blank.html", async (page) => {
      const r = await page.evaluate(async () => {
        await customElements.whenDefined("incentive-widget");
        customElements.get("incentive-widget").fetchTimeout = 1000;
        const w = document.createElement("incentive-widget");
        w.id = "w";
        const got = new Promise((ok) => w.addEventListener("incentive-error", (e) => ok(e.detail), { once: true }));
        w.participant = "rep-ada";
        w.planSrc = "/__hostile__/hang";
        w.activitySrc = "/__fixtures__/joint-company-goal/activity.json";
        document.querySelector("#host").append(w);
        const detail = await got;
        await w.updateComplete;
        const root = w.shadowRoot;
        return {
          detail,
          panel: root.querySelector("[part~='error']").checkVisibility(),
          status: root.querySelector("[part~='status']").checkVisibility() ? root.querySelector("[part~='status']").textContent : "",
          busy: root.querySelector("[part~='card']").getAttribute("aria-busy"),
        };
      });
      assert.equal(r.detail.source, "plan-src");
      assert.match(r.detail.problems[0].message, /did not answer within 1 s/);
      assert.equal(r.panel, true);
      assert.equal(r.status, "");
      assert.equal(r.busy, "false");
    }, { allow: [/request failed: .*\/__hostile__\/hang/] });
  });

  test("a newer plan-src replaces one still hanging: no late error", async () => {
    await withPage(strict, "/__test__/blank.html", async (page) => {
      const r = await page.evaluate(async () => {
        await customElements.whenDefined("incentive-widget");
        customElements.get("incentive-widget").fetchTimeout = 800;
        const w = document.createElement("incentive-widget");
        w.id = "w";
        const errors = [];
        w.addEventListener("incentive-error", (e) => errors.push(e.detail));
        w.participant = "rep-ada";
        w.planSrc = "/__hostile__/hang";
        w.activitySrc = "/__fixtures__/joint-company-goal/activity.json";
        document.querySelector("#host").append(w);
        await new Promise((ok) => setTimeout(ok, 100));
        w.planSrc = "/__fixtures__/joint-company-goal/plan.json";
        await w.updateComplete;
        await new Promise((ok) => setTimeout(ok, 1200)); // past the first fetch's timeout
        return { errors, earned: w.statement?.earned };
      });
      assert.deepEqual(r, { errors: [], earned: "16500.00" });
    }, { allow: [/request failed: .*\/__hostile__\/hang/] });
  });
});

// --- saved scenarios (localStorage) ---------------------------------------------------------

describe("saved what-if scenarios that are corrupt or hostile", () => {
  test("corrupt entries are reported and removed, hostile names shown as text, the widget works", async (t) => {
    // Probe: is there a what-if panel with saved scenarios in this build?
    let hasPanel = false;
    await withPage(strict, "/__test__/fixture.html", async (page) => {
      await page.waitForFunction(() => document.querySelector("#ada")?.statement != null, null, { timeout: 20_000 });
      hasPanel = await page.evaluate(() => Boolean(document.querySelector("#ada").shadowRoot.querySelector("[part~='whatif-toggle']")));
    });
    if (!hasPanel) {
      t.skip("this build has no what-if panel (no saved scenarios to corrupt)");
      return;
    }
    const prefix = `${KEY_PREFIX}${encodeURIComponent(fixturePlan.name)}/rep-ada/`;
    const record = (name, changes = [{ op: "set_company_revenue", amount: "4000000" }]) => JSON.stringify({
      format: "incentive-widget/scenario", version: 1, name, plan: fixturePlan.name, participant: "rep-ada", saved_at: "2027-03-01T00:00:00.000Z", changes,
    });
    const hostileNames = PAYLOADS.slice(0, 12).map((p) => p.slice(0, 110));
    const seed = {
      fn: ({ prefix, entries }) => {
        if (sessionStorage.getItem("seeded")) return;
        sessionStorage.setItem("seeded", "1");
        for (const [k, v] of entries) localStorage.setItem(prefix + k, v);
      },
      arg: {
        prefix,
        entries: [
          ["Broken", "{ not JSON <img src=x onerror=alert(1)>"],
          [encodeURIComponent("<img src=x onerror=alert(2)>"), "<script>window.__xss='stored'</script>"],
          ["Deep", `{"format": "incentive-widget/scenario", "version": 1, "name": "Deep", "changes": ${"[".repeat(5000)}${"]".repeat(5000)}}`],
          ["Proto", '{"__proto__": {"format": "incentive-widget/scenario", "version": 1, "name": "Proto", "changes": []}}'],
          ["%E0%A4%A", "null"],
          ["Huge", JSON.stringify({ format: "incentive-widget/scenario", version: 1, name: "x".repeat(500), changes: [] })],
          ...hostileNames.map((n) => [encodeURIComponent(n), record(n, [{ op: "set_company_revenue", amount: "4000000" }, { op: "add_deal", deal: { id: n, name: n, type: "new", close_date: "2027-03-01", amount: "1000", owners: [{ participant: "rep-ada", split: "1" }] } }])]),
        ],
      },
    };
    await withPage(strict, "/__test__/fixture.html", async (page) => {
      await page.waitForFunction(() => document.querySelector("#ada")?.statement != null, null, { timeout: 20_000 });
      assert.equal(await page.textContent("#ada .figure-earned .figure-value"), "$16,500.00");
      await page.locator("#ada [part~='whatif-toggle']").click();
      await page.evaluate(() => document.querySelector("#ada").updateComplete);
      const notices = await page.locator("#ada [part~='whatif-notices'] li").allTextContents();
      const all = notices.join(" | ");
      for (const label of ["Broken", "<img src=x onerror=alert(2)>", "Proto", "Huge"]) assert.ok(all.includes(`“${label}”`), `a notice about ${label}: ${all}`);
      const left = await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).map((k) => k.slice(p.length)), prefix);
      for (const gone of ["Broken", "Proto", "Huge", encodeURIComponent("<img src=x onerror=alert(2)>")]) assert.ok(!left.includes(gone), `${gone} removed (reset): ${left}`);
      // The hostile names are listed as text.
      const shown = await page.locator("#ada .wi-saved option").allTextContents();
      for (const n of hostileNames) assert.ok(shown.some((o) => o.startsWith(n)), `${JSON.stringify(n)} listed: ${shown.join(" | ")}`);
      const seen = await page.evaluate(() => {
        const root = document.querySelector("#ada").shadowRoot;
        return [...root.querySelectorAll("script, img, iframe, svg foreignObject, math, template, style, [style]")].map((e) => e.localName).concat(
          [...root.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName} ${a.name}`)),
        );
      });
      assert.deepEqual(seen, []);
      // The widget's numbers never moved.
      assert.equal(await page.textContent("#ada .figure-earned .figure-value"), "$16,500.00");
    }, { init: seed });
  });
});

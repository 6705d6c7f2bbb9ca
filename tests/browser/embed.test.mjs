// The embedding examples the demo serves at /embed/ — plain HTML, React and
// Vue — in headless Chromium under the strict CSP: the element is used from
// each (a property set from the host's state, a method called, its events
// received by the host's code and shown on the page).
//
//   bash scripts/build.sh && node --test tests/browser/embed.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { launch, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");

let server;
let browser;

before(async () => {
  if (!existsSync(join(DIST, "embed", "react.js"))) throw new Error("dist/embed/ is not built: run `bash scripts/build.sh`");
  server = await startServer({ "/": DIST });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe("embedding examples", () => {
  for (const page of ["plain", "react", "vue"]) {
    test(`${page}: the host sets the participant, calls upsertDeal and receives the element's events`, async () => {
      await withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, `/embed/${page}.html`, async (p) => {
        const statement = () => p.evaluate(() => document.querySelector("#pay")?.statement?.earned ?? null);
        await p.waitForFunction(() => document.querySelector("#pay")?.statement != null, null, { timeout: 20_000 });
        assert.equal(await statement(), "48629.00");
        assert.equal(await p.locator("#log").textContent(), "incentive-load: rep-ada", "the host received incentive-load");
        await p.locator("#add").click();
        await p.waitForFunction(() => document.querySelector("#log").textContent.startsWith("earnings-change"));
        assert.equal(await p.locator("#log").textContent(), "earnings-change: +$3,120.00 earned");
        // The host's state sets the element's participant.
        await p.locator("#who").selectOption("rep-ben");
        await p.waitForFunction(() => document.querySelector("#pay").statement?.participant === "rep-ben");
        assert.equal(await p.evaluate(() => document.querySelector("#pay").participant), "rep-ben");
        assert.equal(await p.locator("#log").textContent(), "incentive-load: rep-ben");
        assert.match(await p.locator("#pay [part~='title']").textContent(), /Ben Ortiz/);
      });
    });
  }
});

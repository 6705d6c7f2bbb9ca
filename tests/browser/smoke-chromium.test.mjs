// Smoke check: Debian's headless Chromium launches through playwright-core.
// Run with: node --test tests/browser/
import { test } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./helpers/browser.mjs";

test("headless chromium opens a data: page", { timeout: 60_000 }, async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto("data:text/html,<p>hi</p>");
    assert.equal(await page.textContent("p"), "hi");
  } finally {
    await browser.close();
  }
});

// Smoke check: Debian's headless Chromium launches through playwright-core.
// Run with: node --test tests/browser/
import { test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

// Flags from shared/TOOLCHAIN.md: without the background-networking ones
// Chromium keeps trying hosts this machine can't reach.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

test("headless chromium opens a data: page", { timeout: 60_000 }, async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto("data:text/html,<p>hi</p>");
    assert.equal(await page.textContent("p"), "hi");
  } finally {
    await browser.close();
  }
});

// The `incentive` command the JS tests compare the package with.
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** $INCENTIVE_BIN, else the newer of the release and debug builds. */
export function cliPath() {
  if (process.env.INCENTIVE_BIN) return process.env.INCENTIVE_BIN;
  const built = ["release", "debug"]
    .map((p) => join(ROOT, "target", p, "incentive"))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(built.length, "no target/{release,debug}/incentive: run `cargo build --bin incentive`");
  return built[0];
}

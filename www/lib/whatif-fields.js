// What the what-if tools share: reading and showing percentages, and
// filling a select with the engine's names.

import { compare, shift, trim } from "./decimal.js";
import { options, readDecimal } from "./form.js";

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A percentage typed by the user ("20", "12.5") as a fraction string ("0.2"), or null. */
export function readPercent(text) {
  const s = readDecimal(String(text ?? "").replace(/%\s*$/, ""));
  if (s === null) return null;
  return trim(shift(s, 2));
}

/** "0.2" → "20" for an input showing percent (to 2 places: "4.76" for 0.047619…). */
export function percentText(fraction) {
  if (compare(fraction, "0") === 0) return "";
  return trim(shift(fraction, -2) ?? "0").replace(/^(-?\d+\.\d{2})\d+$/, "$1");
}

/** Fills a select with the engine's names (its vocabulary), once they are known. */
export function fillNames(select, names) {
  const key = names.join("|");
  if (select.dataset.names === key) return;
  const before = select.value;
  select.dataset.names = key;
  select.replaceChildren(...options(names.map((n) => [n, n]), before || names[0]));
}


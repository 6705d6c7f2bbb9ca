// What the view needs to know about the plan that the statement doesn't say:
// tier bands, modifiers and what they apply to, role and participant names.

import { compare } from "./decimal.js";

export const KIND_LABELS = {
  commission: "Commission",
  spif: "SPIF",
  bonus: "Bonus",
  modifier: "Multiplier",
};

export function roleOf(plan, id) {
  return (plan?.roles ?? []).find((r) => r?.id === id) ?? null;
}

export function personOf(activity, id) {
  return (activity?.participants ?? []).find((p) => p?.id === id) ?? null;
}

/** The role's first commission with tiers (the one next_tier refers to). */
export function tieredCommission(role) {
  return (role?.components ?? []).find((c) => c?.kind === "commission" && c?.tiers?.bands?.length) ?? null;
}

/** Bands as strings: [{ from: "0", multiplier: "1" }, ...]. */
export function bandsOf(list) {
  return (list ?? []).map((b) => ({ from: String(b.from), multiplier: String(b.multiplier) }));
}

/** Index of the band that holds `value` (a band covers [from, next from)). */
export function bandIndex(bands, value) {
  let at = -1;
  bands.forEach((b, i) => {
    if (compare(value, b.from) >= 0) at = i;
  });
  return at;
}

/** "company" | "quota" | "metric:NAME" */
export function measureKey(measure) {
  if (measure === "company" || measure === "quota") return measure;
  if (measure && typeof measure === "object" && measure.metric) return `metric:${measure.metric}`;
  return "";
}

/** The current value of a measure for this statement and person, or null. */
export function measureValue(measure, statement, person) {
  const key = measureKey(measure);
  if (key === "company") return statement?.company_attainment ?? null;
  if (key === "quota") return statement?.attainment ?? null;
  if (key.startsWith("metric:")) {
    const v = person?.metrics?.[key.slice(7)];
    return v === undefined || v === null ? null : String(v);
  }
  return null;
}

/** Names of the components a modifier multiplies. */
export function modifierTargets(modifier, role) {
  if (Array.isArray(modifier?.applies_to)) return modifier.applies_to.map(String);
  return (role?.components ?? []).filter((c) => c?.kind !== "modifier").map((c) => String(c.name));
}

/**
 * The modifiers of a role with their current band: [{ component, bands,
 * index, multiplier, next, targets, measure }].
 */
export function modifierStates(role, statement, person) {
  return (role?.components ?? [])
    .filter((c) => c?.kind === "modifier")
    .map((c) => {
      const bands = bandsOf(c.bands);
      const value = measureValue(c.measure, statement, person);
      const index = value === null ? -1 : bandIndex(bands, value);
      return {
        component: c,
        measure: measureKey(c.measure),
        value,
        bands,
        index,
        multiplier: index >= 0 ? bands[index].multiplier : null,
        next: index >= 0 ? bands[index + 1] ?? null : bands[0] ?? null,
        targets: modifierTargets(c, role),
      };
    });
}

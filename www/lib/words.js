// Sentences for people from the engine's facts: what a modifier measures,
// its bands, what it multiplies. Words only: which band is in force, what a
// modifier applies to and every figure come from the engine (facts()).

/** "company attainment", "your attainment", "your lead followup". */
export function measureWords(m) {
  if (m.measure === "company") return "company attainment";
  if (m.measure === "quota") return "your attainment";
  if (m.measure === "metric" && m.metric) return `your ${String(m.metric).replaceAll("_", " ")}`;
  return "its measure";
}

/** A measure's value as a person reads it: attainment as a percentage, a metric as it is. */
export function measureValue(m, value, fmt) {
  return m.measure === "metric" ? fmt.number(value) : fmt.percent(value);
}

/** "×0.9 from 0%, ×1.1 from 100%" */
export function bandsText(m, fmt) {
  return (m.bands ?? []).map((b) => `${fmt.multiplier(b.multiplier)} from ${measureValue(m, b.from, fmt)}`).join(", ");
}

/** "Multiplies New logos by company attainment (now 97%): ×0.9 from 0%, ×1.1 from 100%." */
export function modifierText(m, fmt) {
  const now = m.value === null || m.value === undefined ? "" : ` (now ${measureValue(m, m.value, fmt)})`;
  const targets = m.applies_to?.length ? m.applies_to.join(", ") : "nothing";
  return `Multiplies ${targets} by ${measureWords(m)}${now}: ${bandsText(m, fmt)}.`;
}

/**
 * A bonus in people's words, from the engine's facts: "$12,000.00 target ×
 * 92.5% payout at company attainment of 97% = $11,100.00". Null without the
 * facts; the line's `explain` is the exact sentence (shown one click away).
 */
export function bonusText(component, facts, fmt) {
  const def = (facts?.components ?? []).find((c) => c.name === component.name);
  const b = def?.bonus;
  if (!b) return null;
  const m = { measure: def.measure, metric: b.metric };
  const at = b.value === null || b.value === undefined ? "with nothing to measure yet" : `at ${measureWords(m)} of ${measureValue(m, b.value, fmt)}`;
  const mods = (def.multiplied_by ?? [])
    .map((name) => (facts.modifiers ?? []).find((x) => x.name === name))
    .filter((x) => x && x.band !== null && x.band !== undefined)
    .map((x) => ` × ${fmt.number(x.multiplier)} (${x.name})`)
    .join("");
  return `${fmt.roundMoney(b.target)} target × ${fmt.percent(b.payout ?? "0")} payout${b.at_max ? " (the maximum)" : ""} ${at}${mods} = ${fmt.money(component.earned)}`;
}

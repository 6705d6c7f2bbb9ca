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

const STAGE_WORDS = { booked: "booking", installed: "installation", activated: "activation" };

/** A stage as the event that reaches it: "installation" for installed. */
export function stageWords(stage) {
  return STAGE_WORDS[stage] ?? stage;
}

/** An attribution model's name as words: "w_shaped" → "w-shaped". */
function modelWords(model) {
  return String(model).replaceAll("_", "-");
}

/**
 * A deal line in people's words, from the engine's terms (lineTerms):
 * "50% of $30,000.00 × 10% (the new-deal rate) × 1.5 (tier: your attainment
 * went from 98% to 103%) × 1.1 (Lead follow-up) = $2,475.00; 50% of it
 * payable on booking = $1,237.50." Every figure is the engine's; the product of the
 * shown factors is the earned amount up to the rounding the exact sentence
 * shows. Null without terms.
 */
export function lineText(t, fmt) {
  if (!t) return null;
  const parts = [];
  const whole = t.share === "1" || t.share === "1.0";
  const credit = t.credit === "attribution" ? ` (${modelWords(t.model)} attribution)` : "";
  if (t.kind === "spif") {
    parts.push(`${fmt.money(t.per_deal)} per deal`);
    if (!whole || credit) parts.push(`${fmt.exactPercent(t.share)} your share${credit}`);
  } else {
    const margin = t.basis === "margin" ? " margin" : "";
    // One figure when no line takes a multiplier of its own; else each line
    // with its own: ($30,000.00 margin × 1.25 (suite-bundle) + $4,000.00 margin).
    const own = (t.lines ?? []).some((l) => l.product_multiplier !== null || l.discount_multiplier !== null || l.rate !== undefined);
    const amount = own
      ? `(${t.lines
          .map((l) => {
            const f = [`${fmt.money(l.basis)}${margin}`];
            if (l.product_multiplier !== null) f.push(`${fmt.number(l.product_multiplier)} (${l.product})`);
            if (l.discount_multiplier !== null) f.push(`${fmt.number(l.discount_multiplier)} (a ${fmt.percent(l.discount)} discount)`);
            // A rate table's rate, line by line: the band its margin (or the deal's size) fell in.
            if (l.rate !== undefined) f.push(`${fmt.exactPercent(l.rate)} (${l.margin_percent !== undefined ? `the rate for a ${fmt.percent(l.margin_percent)} margin` : "the rate for the deal's size"})`);
            return f.join(" × ");
          })
          .join(" + ")})`
      : `${fmt.money(t.amount)}${margin}`;
    parts.push(whole && !credit ? amount : `${fmt.exactPercent(t.share)}${credit} of ${amount}`);
    if (t.rate !== null) parts.push(`${fmt.exactPercent(t.rate)} (the ${t.deal_type}-deal rate)`);
  }
  if (t.tier) {
    const why =
      t.tier.mode === "retroactive"
        ? `tier at your attainment of ${fmt.percent(t.tier.to)}`
        : t.tier.from === t.tier.to
          ? `tier at your attainment of ${fmt.percent(t.tier.from)}`
          : `tier: your attainment went from ${fmt.percent(t.tier.from)} to ${fmt.percent(t.tier.to)}`;
    parts.push(`${fmt.number(t.tier.multiplier)} (${why})`);
  }
  for (const m of t.modifiers ?? []) parts.push(`${fmt.number(m.multiplier)} (${m.name})`);
  let text = `${parts.join(" × ")} = ${t.floored ? `less than ${fmt.money("0")}, and a deal never earns below 0: ` : ""}${fmt.money(t.earned)}`;
  text += t.payable === t.earned ? "; all of it payable now." : `; ${fmt.exactPercent(t.fraction)} of it payable on ${stageWords(t.stage)} = ${fmt.money(t.payable)}.`;
  return text;
}

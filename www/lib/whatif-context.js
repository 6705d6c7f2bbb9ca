// What the what-if tools work from, built from the card's model: the
// statement and the engine's facts, the plan's names, the person's deals,
// dealFacts and people (asked of the engine only when read), the products
// the plan or the deals name, and the add-deal form's defaults.

/** Products the plan or the person's deals name, for the product selects. */
function productsOf(plan, deals) {
  const found = new Set();
  for (const role of plan?.roles ?? []) {
    for (const c of role?.components ?? []) {
      for (const p of Object.keys(c?.products ?? {})) found.add(p);
      for (const p of c?.deals?.products ?? []) found.add(String(p));
    }
  }
  for (const d of deals.values()) {
    for (const l of d?.lines ?? []) if (l?.product) found.add(String(l.product));
  }
  return [...found].sort();
}

/** The close date a new deal gets: the data's as-of date inside the period, else the period's end. */
function defaultCloseDate(plan, asOf) {
  const { start, end } = plan?.period ?? {};
  if (asOf && (!start || asOf >= start) && (!end || asOf <= end)) return asOf;
  return end ?? asOf ?? "";
}

/** The tools' context from the card's model (statement, facts, plan, fmt; deals, dealFacts, people). */
export function contextOf(model) {
  const { statement, facts, plan, fmt } = model;
  const participant = statement.participant;
  const role = (plan?.roles ?? []).find((r) => r?.id === statement.role) ?? null;
  let products = null;
  return {
    statement,
    facts,
    plan,
    role,
    fmt,
    participant,
    get deals() {
      return model.deals;
    },
    get dealFacts() {
      return model.dealFacts;
    },
    get people() {
      return model.people;
    },
    get products() {
      products ??= productsOf(plan, model.deals);
      return products;
    },
    goal: facts?.company ? String(facts.company.target) : null,
    defaultType: role?.quota?.types?.[0] ?? "new",
    defaultCloseDate: defaultCloseDate(plan, facts?.as_of),
  };
}

// The plan variant the three implementations (wasm engine, plain-number and
// decimal.js baselines) all compute: the workload plan with the hunter role
// cut down to its first commission's owner credit, rates by type, product
// multipliers and marginal tiers (no discounts, payout schedule, SPIF or
// company-goal modifier). The other roles stay as they are (the baselines
// refuse them; the benchmark only asks for the hunter rep-0).

export function subsetPlan(plan) {
  const p = structuredClone(plan);
  const hunter = p.roles.find((r) => r.id === "hunter");
  if (!hunter) throw new Error("the workload plan has no hunter role");
  const c = hunter.components.find((x) => x.kind === "commission");
  if (!c) throw new Error("the hunter role has no commission");
  const keep = { kind: "commission", name: c.name };
  for (const k of ["rate", "rates", "products", "tiers"]) if (c[k] !== undefined) keep[k] = c[k];
  hunter.components = [keep];
  p.name = `${p.name} (benchmark subset: owner credit, rates by type, marginal tiers, product multipliers)`;
  return p;
}

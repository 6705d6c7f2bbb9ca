// Named what-if scenarios, saved in the browser (localStorage) and as files.
//
// One storage key per scenario, namespaced by plan name and participant:
//
//   incentive-widget/scenario/<plan name>/<participant>/<scenario name>
//
// (each part URI-encoded), holding a record:
//
//   { "format": "incentive-widget/scenario", "version": 1,
//     "name": "Close Orion early", "plan": "FY27 Q1 …", "participant": "rep-ada",
//     "saved_at": "2027-03-12T09:30:00.000Z",
//     "changes": [ { "op": "set_close_date", "deal": "D-2015", "close_date": "2027-03-01" }, … ] }
//
// `changes` are the engine's what-if changes, as `engine.whatIf` takes them.
// An exported file is the same record. A key whose text isn't a record
// (corrupt JSON, something else) is reported and removed; a record of
// another format version is reported and left alone (another version of the
// widget may read it); the rest still load.
//
// No DOM: the storage is passed in (anything with getItem, setItem,
// removeItem, key and length), so the module runs in Node too.

export const SCENARIO_FORMAT = "incentive-widget/scenario";
export const SCENARIO_VERSION = 1;
export const KEY_PREFIX = "incentive-widget/scenario/";
export const MAX_NAME = 120;

const enc = encodeURIComponent;

/** The key prefix of one plan and participant's scenarios. */
export function keyPrefix(planName, participant) {
  return `${KEY_PREFIX}${enc(planName)}/${enc(participant)}/`;
}

/** The storage key of one scenario. */
export function storageKey(planName, participant, name) {
  return `${keyPrefix(planName, participant)}${enc(name)}`;
}

/** A record to store or export. */
export function makeRecord({ name, plan, participant, changes, savedAt = new Date() }) {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: String(name),
    plan: String(plan ?? ""),
    participant: String(participant ?? ""),
    saved_at: savedAt instanceof Date ? savedAt.toISOString() : String(savedAt),
    changes: changes.map((c) => structuredClone(c)),
  };
}

/** Checks a scenario's name; returns an error sentence or "". */
export function nameProblem(name) {
  const n = String(name ?? "").trim();
  if (!n) return "Give the scenario a name.";
  if (n.length > MAX_NAME) return `A scenario name has at most ${MAX_NAME} characters.`;
  return "";
}

/**
 * Reads a record from JSON text (a stored value or an imported file).
 * Returns { record, dropped: [sentences about changes left out] } or
 * { problem: sentence, kind: "corrupt" | "version" }.
 */
export function readRecord(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { kind: "corrupt", problem: `is not valid JSON (${err.message})` };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== SCENARIO_FORMAT) {
    return { kind: "corrupt", problem: `is not a saved scenario (no "format": "${SCENARIO_FORMAT}")` };
  }
  if (data.version !== SCENARIO_VERSION) {
    const v = JSON.stringify(data.version ?? null);
    const older = typeof data.version !== "number" || data.version < SCENARIO_VERSION;
    return {
      kind: "version",
      problem: older
        ? `was saved in an old format (version ${v}); this widget reads version ${SCENARIO_VERSION}`
        : `was saved by a newer widget (format version ${v}); this one reads version ${SCENARIO_VERSION}`,
    };
  }
  const named = nameProblem(data.name);
  if (named) return { kind: "corrupt", problem: `has no usable name: ${named}` };
  if (!Array.isArray(data.changes)) return { kind: "corrupt", problem: 'has no "changes" list' };
  const dropped = [];
  const changes = [];
  data.changes.forEach((c, i) => {
    if (c && typeof c === "object" && !Array.isArray(c) && typeof c.op === "string") changes.push(c);
    else dropped.push(`change ${i + 1} is not a change (an object with an "op"), so it was left out`);
  });
  return {
    record: {
      format: SCENARIO_FORMAT,
      version: SCENARIO_VERSION,
      name: String(data.name).trim(),
      plan: typeof data.plan === "string" ? data.plan : "",
      participant: typeof data.participant === "string" ? data.participant : "",
      saved_at: typeof data.saved_at === "string" ? data.saved_at : "",
      changes,
    },
    dropped,
  };
}

/** A file name for an exported scenario: "close-orion-early.scenario.json". */
export function fileName(name) {
  const slug = String(name ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "scenario"}.scenario.json`;
}

/** One plan and participant's saved scenarios in a Storage. */
export class ScenarioStore {
  /** storage: a Storage (or a function returning one; it may throw when storage is off). */
  constructor(storage, planName, participant) {
    this.storage = storage;
    this.plan = String(planName ?? "");
    this.participant = String(participant ?? "");
    this.prefix = keyPrefix(this.plan, this.participant);
  }

  #area() {
    return typeof this.storage === "function" ? this.storage() : this.storage;
  }

  /**
   * Every readable scenario, by name, and notices about the rest:
   * { scenarios: [record], notices: [{ level, text, key?, kind }] }.
   * Corrupt entries are removed (reset); other versions are kept.
   */
  list() {
    const scenarios = [];
    const notices = [];
    let area;
    const keys = [];
    try {
      area = this.#area();
      for (let i = 0; i < area.length; i++) {
        const k = area.key(i);
        if (k !== null && k.startsWith(this.prefix)) keys.push(k);
      }
    } catch (err) {
      return { scenarios, notices: [{ level: "warning", kind: "storage", text: `Saved scenarios can't be read: this browser keeps the widget from using storage (${err.message}). Export scenarios as files instead.` }] };
    }
    keys.sort();
    for (const key of keys) {
      let label = key.slice(this.prefix.length);
      try {
        label = decodeURIComponent(label);
      } catch {
        // an odd key: show it as it is
      }
      let text;
      try {
        text = area.getItem(key);
      } catch (err) {
        notices.push({ level: "warning", kind: "storage", text: `The saved scenario “${label}” can't be read (${err.message}).` });
        continue;
      }
      const read = readRecord(text);
      if (read.kind === "corrupt") {
        let removed = true;
        try {
          area.removeItem(key);
        } catch {
          removed = false;
        }
        notices.push({
          level: "warning",
          kind: "corrupt",
          text: `The saved scenario “${label}” ${read.problem}, so it can't be opened; ${removed ? "it was removed from this browser" : "it could not be removed"}.`,
        });
        continue;
      }
      if (read.kind === "version") {
        notices.push({ level: "warning", kind: "version", key, text: `The saved scenario “${label}” ${read.problem}. It was left as it is and not loaded.` });
        continue;
      }
      for (const d of read.dropped) notices.push({ level: "warning", kind: "dropped", text: `Saved scenario “${read.record.name}”: ${d}.` });
      scenarios.push(read.record);
    }
    scenarios.sort((a, b) => a.name.localeCompare(b.name));
    return { scenarios, notices };
  }

  /** Saves (or replaces) a record under its name. Returns "" or an error sentence. */
  save(record) {
    try {
      this.#area().setItem(storageKey(this.plan, this.participant, record.name), JSON.stringify(record));
      return "";
    } catch (err) {
      const full = err?.name === "QuotaExceededError";
      return full
        ? `“${record.name}” was not saved: this browser's storage for the page is full. Export it as a file, or delete older scenarios.`
        : `“${record.name}” was not saved: this browser keeps the widget from using storage (${err.message}). Export it as a file instead.`;
    }
  }

  /** Removes a scenario by name, or a raw key (an unreadable entry). Returns "" or an error sentence. */
  remove(name, key = storageKey(this.plan, this.participant, name)) {
    try {
      this.#area().removeItem(key);
      return "";
    } catch (err) {
      return `“${name}” could not be deleted (${err.message}).`;
    }
  }
}

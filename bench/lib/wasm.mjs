// A few lines of WebAssembly binary reading for the size report: sections,
// the function names of the `name` section, code size per function, and a
// demangler for Rust's legacy symbol names (_ZN…17h<hash>E).

import { readFileSync } from "node:fs";

export function sections(bytes) {
  const b = bytes;
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = b[p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  const out = [];
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const start = p;
    let name = null;
    if (id === 0) {
      const n = leb();
      name = b.toString("utf8", p, p + n);
    }
    out.push({ id, size, start, name });
    p = start + size;
  }
  return out;
}

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

/** { sections: [{ name, size }], functions: [{ index, name, size }] } of a wasm file. */
export function analyze(path) {
  const b = readFileSync(path);
  const secs = sections(b);
  let p = 0;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = b[p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  // Imported functions come first in the index space.
  let imported = 0;
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    p = imp.start;
    const n = leb();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) {
        const len = leb(); // module, then field
        p += len;
      }
      const kind = b[p++];
      if (kind === 0) {
        leb();
        imported++;
      } else if (kind === 1) {
        p++;
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        p += 2;
      } else if (kind === 4) {
        p++;
        leb();
      }
    }
  }
  const names = new Map();
  const ns = secs.find((s) => s.id === 0 && s.name === "name");
  if (ns) {
    p = ns.start;
    const nameLen = leb();
    p += nameLen;
    const end = ns.start + ns.size;
    while (p < end) {
      const sub = b[p++];
      const size = leb();
      const st = p;
      if (sub === 1) {
        const count = leb();
        for (let i = 0; i < count; i++) {
          const idx = leb();
          const len = leb();
          names.set(idx, b.toString("utf8", p, p + len));
          p += len;
        }
      }
      p = st + size;
    }
  }
  const functions = [];
  const code = secs.find((s) => s.id === 10);
  if (code) {
    p = code.start;
    const count = leb();
    for (let i = 0; i < count; i++) {
      const size = leb();
      const index = imported + i;
      functions.push({ index, name: names.get(index) ?? `wasm-function[${index}]`, size });
      p += size;
    }
  }
  return {
    bytes: b.length,
    named: names.size > 0,
    sections: secs.map((s) => ({ name: s.id === 0 ? `custom:${s.name}` : SECTION_NAMES[s.id] ?? `id${s.id}`, size: s.size })),
    functions,
  };
}

const ESCAPES = { SP: "@", BP: "*", RF: "&", LT: "<", GT: ">", LP: "(", RP: ")", C: "," };

/** Rust v0 mangling (_R…), roughly: the identifiers joined with "::". */
function demangleV0(sym) {
  const s = sym
    .slice(2)
    .replace(/C(s[0-9A-Za-z]*_)/g, "C")
    .replace(/B[0-9A-Za-z]*_/g, "")
    .replace(/[MXY]s[0-9A-Za-z]*_/g, "M")
    .replace(/Ns[0-9A-Za-z]*_/g, "N");
  const out = [];
  const re = /(\d+)_?/g;
  let m;
  while ((m = re.exec(s))) {
    const n = Number(m[1]);
    const id = s.slice(re.lastIndex, re.lastIndex + n);
    if (n > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) {
      out.push(id);
      re.lastIndex += n;
    }
  }
  return out.length ? out.join("::") : sym;
}

/** Rust legacy mangling (and, roughly, v0) to a readable path; names that
 * are already demangled lose their hashes. */
export function demangle(sym) {
  if (sym.startsWith("_R")) return demangleV0(sym);
  const m = /^_?_ZN(.*)E$/.exec(sym);
  if (!m) return sym.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
  const s = m[1];
  const parts = [];
  let i = 0;
  while (i < s.length) {
    const d = /^\d+/.exec(s.slice(i));
    if (!d) break;
    i += d[0].length;
    const n = Number(d[0]);
    parts.push(s.slice(i, i + n));
    i += n;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .map((x) =>
      x
        .replace(/^_\$/, "$")
        .replace(/\$([A-Z]{1,2})\$/g, (all, k) => ESCAPES[k] ?? all)
        .replace(/\$u([0-9a-f]{2})\$/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
        .replace(/\.\./g, "::"),
    )
    .join("::");
}

/** The crate a demangled path's code belongs to (an impl's self type decides). */
export function crateOf(path) {
  if (/ shim\b|^__wbindgen|^__wbg/.test(path)) return "(wasm-bindgen exports and shims)";
  let p = path.startsWith("<") ? path.slice(1) : path;
  // <f64 as core::fmt::LowerExp>::fmt: a primitive's impl belongs to the trait's crate.
  const prim = /^(?:&(?:mut )?)?(f32|f64|u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|char|str|bool|\[|\(|&|Ref\b)[^ ]* as (.*)$/.exec(p);
  if (prim) p = prim[2];
  const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(p);
  if (!m) return "(other)";
  if (/^(wasm-function|__|dlmalloc|memcpy|memset|memmove|memcmp)/.test(path)) return "(runtime)";
  return m[1];
}

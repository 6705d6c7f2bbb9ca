// A tiny static file server for the demo and the browser tests: 127.0.0.1
// only, correct MIME types (application/wasm included), no dependencies.
//
//   node scripts/serve.mjs [--root DIR] [--port N] [--page PATH] [--csp]
//
// --root  the folder to serve (default: the repository root)
// --port  the port (default: $PORT, else 8080; 0 picks a free one)
// --page  a path to print as the page to open (default: the root)
// --csp   send the strict policy the embed must work under
//         (shared/spec/interfaces.md §1): script-src 'self' 'wasm-unsafe-eval'
//
// As a module: `const { url, close } = await serve({ root, port: 0, csp: true })`.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts serving `root`; resolves to { server, url, port, close() }. */
export function serve({ root = ".", port = 0, host = "127.0.0.1", csp = false, quiet = true } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    if (!quiet) console.log(`${req.method} ${req.url}`);
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, "bad path\n");
    }
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, "forbidden\n");
    try {
      let info = await stat(file);
      let target = file;
      if (info.isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { Location: `${path}/` });
          return res.end();
        }
        const index = join(file, "index.html");
        const indexInfo = await stat(index).catch(() => null);
        if (indexInfo?.isFile()) {
          target = index;
          info = indexInfo;
        } else {
          const names = (await readdir(file, { withFileTypes: true }))
            .filter((d) => !d.name.startsWith("."))
            .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
            .sort();
          const items = names.map((n) => `<li><a href="${escape(encodeURI(n))}">${escape(n)}</a></li>`).join("\n");
          return send(200, `<!doctype html><meta charset="utf-8"><title>${escape(path)}</title><ul>\n${items}\n</ul>\n`, TYPES[".html"]);
        }
      }
      const headers = {
        "Content-Type": TYPES[extname(target).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": info.size,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      };
      if (csp) headers["Content-Security-Policy"] = CSP;
      res.writeHead(200, headers);
      if (req.method === "HEAD") return res.end();
      createReadStream(target).on("error", () => res.destroy()).pipe(res);
    } catch {
      // Browsers ask for /favicon.ico on their own; a 404 there is a console error.
      if (path === "/favicon.ico") return send(204, "");
      send(404, "not found\n");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = opt("--root") ?? resolve(fileURLToPath(import.meta.url), "../..");
  const port = Number(opt("--port") ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad port ${port}`);
    process.exit(2);
  }
  try {
    const csp = args.includes("--csp");
    const { url } = await serve({ root, port, csp, quiet: false });
    console.log(`serve: ${root} at ${url}${csp ? ` with Content-Security-Policy: ${CSP}` : ""}`);
    console.log(`\n  open ${new URL(opt("--page") ?? "", url)}\n\n(Ctrl-C stops the server)`);
  } catch (e) {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}`);
    process.exit(1);
  }
}

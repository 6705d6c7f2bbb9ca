//! `incentive`: the scoring core on the command line, for finance's pay run
//! and for scripts.
//!
//! ```text
//! incentive score    --plan plan.json --activity activity.json [--participant ID]
//! incentive validate --plan plan.json [--activity activity.json]
//! incentive schema   plan|activity
//! ```
//!
//! Exit 0 on success; 2 on any input problem, with `path: message` lines on
//! stderr; 1 only when stdout cannot be written.

use incentive_widget::engine::score::Detail;
use incentive_widget::engine::{check_len, parse_json, read_plan};
use incentive_widget::{schema, workload, Engine, Error, ErrorCode, Statement};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  incentive score    --plan plan.json --activity activity.json [--participant ID]
  incentive validate --plan plan.json [--activity activity.json]
  incentive schema   plan|activity
  incentive workload --out DIR [--participants N] [--deals N] [--touches N]
                     [--deals-of-first N] [--seed N]   (benchmark data)";

/// A failure to report on stderr, with its exit code.
struct Fail(u8, String);

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail(2, e.to_string())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) if out.is_empty() => ExitCode::SUCCESS, // written already
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if writeln!(stdout, "{out}")
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(Fail(code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

/// Options after the subcommand: `--name value` pairs.
struct Opts<'a> {
    pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> Opts<'a> {
    fn parse(args: &'a [String], allowed: &[&str]) -> Result<Opts<'a>, Fail> {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let (name, value) = match a.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v)),
                _ => (a.as_str(), None),
            };
            if !allowed.contains(&name) {
                return Err(Fail(2, format!("unknown option {name}\n{USAGE}")));
            }
            let value = match value {
                Some(v) => v,
                None => it
                    .next()
                    .map(String::as_str)
                    .ok_or_else(|| Fail(2, format!("{name} needs a value\n{USAGE}")))?,
            };
            pairs.push((name, value));
        }
        Ok(Opts { pairs })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    fn need(&self, name: &str) -> Result<&'a str, Fail> {
        self.get(name)
            .ok_or_else(|| Fail(2, format!("{name} is required\n{USAGE}")))
    }
}

fn read_file(path: &str) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail(2, format!("{path}: cannot read: {e}")))
}

/// A file that cannot be taken as JSON (too large, not JSON): one
/// `file: problem` line each, exit 2.
fn unreadable(e: Error) -> Fail {
    Fail(
        2,
        e.problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Reads a JSON file; a syntax error names the file and position.
fn read_json(path: &str) -> Result<serde_json::Value, Fail> {
    let text = read_file(path)?;
    parse_json(&text, path).map_err(unreadable)
}

/// The engine from a parsed plan and an activity file, streamed deal by
/// deal: neither the file's text nor a document tree is ever held whole.
fn read_engine(plan: &serde_json::Value, activity_path: &str) -> Result<Engine, Fail> {
    let cannot = |e: std::io::Error| Fail(2, format!("{activity_path}: cannot read: {e}"));
    let file = std::fs::File::open(activity_path).map_err(cannot)?;
    check_len(file.metadata().map_err(cannot)?.len(), activity_path).map_err(unreadable)?;
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    Engine::from_activity_reader(plan, reader, activity_path).map_err(|e| match e.code {
        ErrorCode::InvalidJson => unreadable(e),
        _ => e.into(),
    })
}

/// Every statement, as `pretty` would print the list, written to stdout one
/// statement at a time (a whole company's statements are never held at once).
/// A first pass of totals alone finds any statement that cannot be computed
/// exactly, so that on such an error nothing is written (exit 1, as before).
fn write_statements(engine: &Engine) -> Result<(), Fail> {
    use std::io::Write;
    engine.each_statement(Detail::Totals, |_| ())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut count = 0usize;
    let mut failed: Option<String> = None;
    let mut write = |s: Statement| -> Result<(), String> {
        let sep: &[u8] = if count == 0 { b"[\n  " } else { b",\n  " };
        count += 1;
        out.write_all(sep).map_err(|e| e.to_string())?;
        // One statement, pretty-printed one level in.
        let mut ser = serde_json::Serializer::with_formatter(
            Indented(&mut out),
            serde_json::ser::PrettyFormatter::with_indent(b"  "),
        );
        serde::Serialize::serialize(&s, &mut ser).map_err(|e| e.to_string())
    };
    engine.each_statement(Detail::Explained, |s| {
        if failed.is_none() {
            failed = write(s).err();
        }
    })?;
    let end: &[u8] = if count == 0 { b"[]\n" } else { b"\n]\n" };
    let done = match failed {
        Some(e) => Err(e),
        None => out
            .write_all(end)
            .and_then(|_| out.flush())
            .map_err(|e| e.to_string()),
    };
    done.map_err(|e| Fail(1, format!("cannot write the statements: {e}")))
}

/// A writer that indents every line after the first by two spaces.
struct Indented<W>(W);

impl<W: std::io::Write> std::io::Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut start = 0;
        for (i, b) in buf.iter().enumerate() {
            if *b == b'\n' {
                self.0.write_all(&buf[start..=i])?;
                self.0.write_all(b"  ")?;
                start = i + 1;
            }
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn pretty(v: &impl serde::Serialize) -> Result<String, Fail> {
    serde_json::to_string_pretty(v).map_err(|e| Fail(1, format!("cannot write JSON: {e}")))
}

fn run(args: &[String]) -> Result<String, Fail> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Fail(2, USAGE.to_string()));
    };
    match command.as_str() {
        "score" => {
            let o = Opts::parse(rest, &["--plan", "--activity", "--participant"])?;
            let plan = read_json(o.need("--plan")?)?;
            let engine = read_engine(&plan, o.need("--activity")?)?;
            match o.get("--participant") {
                Some(id) => pretty(&engine.statement(id)?),
                None => {
                    write_statements(&engine)?;
                    Ok(String::new())
                }
            }
        }
        "validate" => {
            let o = Opts::parse(rest, &["--plan", "--activity"])?;
            let plan = read_json(o.need("--plan")?)?;
            match o.get("--activity") {
                Some(path) => {
                    let e = read_engine(&plan, path)?;
                    Ok(format!(
                        "ok: plan \"{}\" and {} participants, {} deals",
                        e.plan().name,
                        e.activity().participants.len(),
                        e.activity().deals.len()
                    ))
                }
                None => {
                    let p = read_plan(&plan)?;
                    Ok(format!(
                        "ok: plan \"{}\" with {} roles",
                        p.name,
                        p.roles.len()
                    ))
                }
            }
        }
        "schema" => match rest {
            [which] if which == "plan" => pretty(&schema::plan()),
            [which] if which == "activity" => pretty(&schema::activity()),
            _ => Err(Fail(
                2,
                format!("schema takes \"plan\" or \"activity\"\n{USAGE}"),
            )),
        },
        "workload" => {
            let o = Opts::parse(
                rest,
                &[
                    "--out",
                    "--participants",
                    "--deals",
                    "--touches",
                    "--deals-of-first",
                    "--seed",
                ],
            )?;
            let out = std::path::PathBuf::from(o.need("--out")?);
            let number = |name: &str, default: usize| -> Result<usize, Fail> {
                match o.get(name) {
                    Some(v) => v
                        .parse()
                        .map_err(|_| Fail(2, format!("{name} takes a whole number, not \"{v}\""))),
                    None => Ok(default),
                }
            };
            let size = workload::Size {
                participants: number("--participants", 1000)?,
                deals: number("--deals", 100_000)?,
                touches: number("--touches", 500_000)?,
                deals_of_first: number("--deals-of-first", 100)?,
                seed: number("--seed", 7)? as u64,
            };
            std::fs::create_dir_all(&out)
                .map_err(|e| Fail(2, format!("{}: {e}", out.display())))?;
            for (name, doc) in [
                ("plan.json", workload::plan()),
                ("activity.json", workload::activity(size)),
            ] {
                let path = out.join(name);
                let text = serde_json::to_string(&doc).map_err(|e| Fail(1, e.to_string()))?;
                std::fs::write(&path, text)
                    .map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
            }
            Ok(format!(
                "wrote {}/plan.json and activity.json",
                out.display()
            ))
        }
        "-h" | "--help" | "help" => Ok(USAGE.to_string()),
        other => Err(Fail(2, format!("unknown command \"{other}\"\n{USAGE}"))),
    }
}

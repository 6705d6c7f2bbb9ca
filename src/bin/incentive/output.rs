//! Writing statements to stdout one at a time, as a pretty JSON array or as
//! JSON lines.

use crate::args::Format;
use crate::input::Fail;
use serde::Serialize;
use std::io::Write;

/// A list of JSON values written one at a time. `Json` gives exactly what
/// `serde_json::to_string_pretty` gives for the whole list, plus a newline;
/// `Jsonl` one compact value a line.
pub struct List<W: Write> {
    out: W,
    format: Format,
    count: usize,
}

impl<W: Write> List<W> {
    pub fn new(out: W, format: Format) -> Self {
        List {
            out,
            format,
            count: 0,
        }
    }

    pub fn item(&mut self, v: &impl Serialize) -> Result<(), String> {
        let first = self.count == 0;
        self.count += 1;
        match self.format {
            Format::Json => {
                let sep: &[u8] = if first { b"[\n  " } else { b",\n  " };
                self.out.write_all(sep).map_err(|e| e.to_string())?;
                // One value, pretty-printed one level in.
                let mut ser = serde_json::Serializer::with_formatter(
                    Indented(&mut self.out),
                    serde_json::ser::PrettyFormatter::with_indent(b"  "),
                );
                v.serialize(&mut ser).map_err(|e| e.to_string())
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, v).map_err(|e| e.to_string())?;
                self.out.write_all(b"\n").map_err(|e| e.to_string())
            }
        }
    }

    pub fn finish(mut self) -> Result<(), String> {
        let end: &[u8] = match (self.format, self.count) {
            (Format::Json, 0) => b"[]\n",
            (Format::Json, _) => b"\n]\n",
            (Format::Jsonl, _) => b"",
        };
        self.out
            .write_all(end)
            .and_then(|_| self.out.flush())
            .map_err(|e| e.to_string())
    }
}

/// Writes every item of a list to stdout; a write error is exit 1.
pub fn write_list<T: Serialize>(
    items: impl IntoIterator<Item = T>,
    format: Format,
) -> Result<(), Fail> {
    let stdout = std::io::stdout();
    let mut list = List::new(
        std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        format,
    );
    let written = items
        .into_iter()
        .try_for_each(|v| list.item(&v))
        .and_then(|_| list.finish());
    written.map_err(cannot_write)
}

pub fn cannot_write(e: String) -> Fail {
    Fail(1, format!("cannot write the statements: {e}"))
}

/// One value: pretty JSON (printed with a newline by `main`) or one line.
pub fn one(v: &impl Serialize, format: Format) -> Result<String, Fail> {
    match format {
        Format::Json => serde_json::to_string_pretty(v),
        Format::Jsonl => serde_json::to_string(v),
    }
    .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))
}

/// A writer that indents every line after the first by two spaces.
struct Indented<W>(W);

impl<W: Write> Write for Indented<W> {
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

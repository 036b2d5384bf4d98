//! Rendering: the same engine struct goes out as JSON (`--json`) or as text, so the two
//! outputs cannot drift apart.

use std::io::Write;

use serde::Serialize;

/// Where command results go, and in which form.
pub struct Output {
    json: bool,
    stdout: Box<dyn Write>,
}

impl Output {
    pub fn new(json: bool) -> Self {
        Self {
            json,
            stdout: Box::new(std::io::stdout().lock()),
        }
    }

    /// Whether results go out as JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Writes `value` as one line of compact JSON (for JSON Lines output).
    pub fn json_line<T: Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.stdout, value)?;
        writeln!(self.stdout)?;
        self.stdout.flush()?;
        Ok(())
    }

    /// Writes `value` as one JSON document, or as text through `text`.
    pub fn render<T: Serialize>(
        &mut self,
        value: &T,
        text: impl FnOnce(&T, &mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        if self.json {
            serde_json::to_writer_pretty(&mut self.stdout, value)?;
            writeln!(self.stdout)?;
        } else {
            text(value, &mut self.stdout)?;
        }
        self.stdout.flush()?;
        Ok(())
    }
}

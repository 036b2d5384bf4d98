//! The normal form in which card prompts and question stems are hashed and answers
//! compared.

use super::tokenize;

/// NFC, lower case, words of letters and digits joined by single spaces: the form in which
/// prompts are hashed and answers compared, so spacing, case and punctuation do not matter.
pub(crate) fn norm(text: &str) -> String {
    let folded = tokenize::normalize(text);
    let mut out = String::with_capacity(folded.len());
    let mut is_gap = false;
    for c in folded.chars() {
        if tokenize::is_alphanumeric(c) {
            if is_gap && !out.is_empty() {
                out.push(' ');
            }
            is_gap = false;
            out.push(c);
        } else {
            is_gap = true;
        }
    }
    out
}

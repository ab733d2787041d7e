//! Renderers: each output format has its own serialisable types; the core types are not
//! `Serialize`. Only the CLI prints.

pub mod check;
pub mod diff;
pub mod parse;
pub mod report;
pub mod sarif;
pub mod semantic;
pub mod terminal;

use std::borrow::Cow;

/// Characters a document may hold that must not reach a reader's terminal or page as they
/// are: C0 and C1 controls (a terminal obeys ESC sequences: colours, titles, cursor moves,
/// clearing the screen) and the bidirectional overrides and isolates that make text display
/// differently from what it says. Tab and line feed are layout and pass.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from a document made safe to show: controls become their visible symbols (ESC as
/// "␛", DEL as "␡"), others `<U+202E>`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7F}' => out.push('␡'),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// The same, for a whole source shown with byte spans (the terminal's code frames): each
/// such character becomes replacement text of the same length in UTF-8 (a space for a form
/// feed or vertical tab, which PDF conversions leave at page breaks; "?" for another one-byte
/// control, "??" for two bytes, "\u{FFFD}" for three), so that every span stays true.
pub fn visible_same_len(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| unsafe_char(c) && c != '\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // CR stays: it is part of a CRLF line break, which the code frame understands.
        if !unsafe_char(c) || c == '\r' {
            out.push(c);
        } else {
            match c.len_utf8() {
                1 if matches!(c, '\u{b}' | '\u{c}') => out.push(' '),
                1 => out.push('?'),
                2 => out.push_str("??"),
                _ => out.push('\u{FFFD}'),
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_become_visible() {
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            visible("a\u{1b}[31mred\u{7}\u{7f}\u{9b}\u{202e}x"),
            "a␛[31mred␇␡<U+009B><U+202E>x"
        );
        let s = "\u{c}Art\u{1b}[2J\u{85}\u{2066}x\r\n";
        let v = visible_same_len(s);
        assert_eq!(v, " Art?[2J??\u{FFFD}x\r\n");
        assert_eq!(v.len(), s.len());
    }
}

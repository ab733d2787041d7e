//! The readable text of a node: its own line segments joined, white space folded, words
//! hyphenated across a line break rejoined, with a map back to source offsets.

use crate::span::TextRange;

/// Prefixes whose hyphen is real even at a line break ("co-operation", "non-State").
const KEEP_HYPHEN: &[&str] = &[
    "co", "non", "self", "cross", "anti", "counter", "multi", "ex", "well", "inter", "cyber",
    "pre", "post", "sub", "semi", "quasi", "re",
];

/// Normalised text with a map from its offsets to source offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormText {
    pub text: String,
    /// Runs copied verbatim: (offset in `text`, offset in the source), ascending.
    runs: Vec<(usize, usize)>,
}

impl NormText {
    /// Joins source segments (in order) into one normalised string.
    pub fn from_segments(src: &str, segments: &[TextRange]) -> NormText {
        let mut out = NormText {
            text: String::with_capacity(segments.iter().map(|s| s.len() + 1).sum()),
            runs: Vec::new(),
        };
        let mut pending_space: Option<usize> = None;
        for (i, seg) in segments.iter().enumerate() {
            let s = &src[seg.as_range()];
            let mut s_end = s.len();
            let mut joined = false;
            if let Some(next) = segments.get(i + 1) {
                match hyphen_join(s, &src[next.as_range()]) {
                    Some(true) => {
                        joined = true;
                        s_end -= 1;
                    }
                    Some(false) => joined = true,
                    None => {}
                }
            }
            // Words (runs of non-white characters) are copied whole; each white-space run
            // becomes one space, written before the next word.
            let s = &s[..s_end];
            let mut off = 0;
            while off < s.len() {
                let word_end = scan(s, off, true);
                if word_end > off {
                    let at = seg.start + off;
                    match pending_space.take() {
                        // One source byte of white space before the word, where the current
                        // run already maps: the run goes on through the space and the word.
                        Some(sp) if at == sp + 1 && out.maps_next_to(sp) => out.text.push(' '),
                        Some(sp) => {
                            out.runs.push((out.text.len(), sp));
                            out.text.push(' ');
                            out.runs.push((out.text.len(), at));
                        }
                        None => out.runs.push((out.text.len(), at)),
                    }
                    out.text.push_str(&s[off..word_end]);
                }
                let white_end = scan(s, word_end, false);
                if white_end > word_end && !out.text.is_empty() && pending_space.is_none() {
                    pending_space = Some(seg.start + word_end);
                }
                off = white_end;
            }
            if !joined && !out.text.is_empty() && pending_space.is_none() {
                pending_space = Some(seg.end);
            }
        }
        out
    }

    /// Whether the end of the text so far maps to source offset `at` through the last run.
    fn maps_next_to(&self, at: usize) -> bool {
        self.runs
            .last()
            .is_some_and(|&(norm, src)| src + (self.text.len() - norm) == at)
    }

    /// Source offset of an offset in the normalised text (a char boundary).
    pub fn source_offset(&self, offset: usize) -> usize {
        match self.runs.binary_search_by_key(&offset, |r| r.0) {
            Ok(i) => self.runs[i].1,
            Err(0) => 0,
            Err(i) => {
                let (norm, src) = self.runs[i - 1];
                src + (offset - norm)
            }
        }
    }

    /// Source range of a range of the normalised text.
    pub fn source_range(&self, range: TextRange) -> TextRange {
        if range.is_empty() {
            let at = self.source_offset(range.start);
            return TextRange::new(at, at);
        }
        let start = self.source_offset(range.start);
        // The end maps through the last char, so that a range ending at a joint stays tight.
        let last = self.text[..range.end]
            .char_indices()
            .next_back()
            .map_or(range.start, |(i, _)| i);
        let last_len = self.text[last..range.end].len();
        let mut end = self.source_offset(last) + last_len;
        // A space that stands for source white space (a no-break space, a tab, several
        // spaces, a line break) ends where the next visible character begins, not one byte
        // into that white space.
        if &self.text[last..range.end] == " "
            && let Ok(i) = self.runs.binary_search_by_key(&range.end, |r| r.0)
        {
            end = self.runs[i].1;
        }
        TextRange::new(start, end.max(start))
    }
}

/// The offset of the first character at or after `from` that is white space (`white`) or
/// is not: bytes are read directly, and only characters outside ASCII are decoded.
fn scan(s: &str, from: usize, white: bool) -> usize {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        let (is_white, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        };
        if is_white == white {
            return i;
        }
        i += len;
    }
    bytes.len()
}

/// Whether a line ending in a hyphen continues its word on the next line: `None` if not,
/// `Some(true)` if the hyphen goes ("com-munication"), `Some(false)` if it stays ("co-operation").
fn hyphen_join(line: &str, next: &str) -> Option<bool> {
    let stem = line.strip_suffix('-')?;
    let before = stem.chars().next_back();
    let after = next.chars().next();
    if !(before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_lowercase)) {
        return None;
    }
    let word = stem
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    Some(!KEEP_HYPHEN.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(src: &str) -> Vec<TextRange> {
        let mut out = Vec::new();
        let mut pos = 0;
        for line in src.split('\n') {
            out.push(TextRange::new(pos, pos + line.len()));
            pos += line.len() + 1;
        }
        out
    }

    #[test]
    fn joins_lines_and_hyphenation() {
        let src = "States Parties  shall com-\nmunicate with\tco-\noperation";
        let t = NormText::from_segments(src, &segs(src));
        assert_eq!(t.text, "States Parties shall communicate with co-operation");
        let m = t.text.find("municate").unwrap();
        assert_eq!(&src[t.source_offset(m)..t.source_offset(m) + 8], "municate");
        let r = t.source_range(TextRange::new(0, t.text.len()));
        assert_eq!(r, TextRange::new(0, src.len()));
        let w = t.text.find("communicate").unwrap();
        let r = t.source_range(TextRange::new(w, w + "communicate".len()));
        assert_eq!(&src[r.as_range()], "com-\nmunicate");
    }

    #[test]
    fn a_range_ending_in_normalised_white_space_ends_on_a_char_boundary() {
        let src = "“a\u{a0}”  x";
        let t = NormText::from_segments(src, &[TextRange::new(0, src.len())]);
        assert_eq!(t.text, "“a ” x");
        // "a " ends after the no-break space (two bytes), not inside it.
        let r = t.source_range(TextRange::new(3, 5));
        assert_eq!(&src[r.as_range()], "a\u{a0}");
        let r = t.source_range(TextRange::new(3, 9));
        assert_eq!(&src[r.as_range()], "a\u{a0}”  ");
    }
}

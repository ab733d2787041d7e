//! Positions in a source text: byte ranges, and the line index that turns them into
//! 1-based line and column numbers.
//!
//! Columns count Unicode scalar values (chars) from the start of the line, starting at 1.
//! A UTF-8 byte-order mark at the start of the file is not counted: line 1 begins after it,
//! as it does in every editor. Line breaks are LF, CRLF and a lone CR, as in the grammar.

use std::ops::Range;

/// A byte range into the source text. Cheap to copy; the text itself stays in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        TextRange { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range that covers both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn as_range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A byte range with the 1-based line and column of both ends. `end` is exclusive, and
/// `end_line`/`end_column` give the position of that exclusive end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start, self.end)
    }
}

/// Line starts of a text, for turning byte offsets into line and column numbers.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0]` is after the BOM, if any.
    starts: Vec<usize>,
    /// Whether each line is pure ASCII, so that its columns are byte differences.
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let first = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut starts = vec![first];
        let mut ascii = Vec::new();
        // The '\n' of a CRLF, already counted with its '\r'.
        let mut crlf_tail = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[first..]).map(|i| i + first) {
            if crlf_tail == Some(i) {
                continue;
            }
            let start = starts.last().copied().unwrap_or(first);
            ascii.push(bytes[start..i].is_ascii());
            let mut next = i + 1;
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                crlf_tail = Some(i + 1);
                next += 1;
            }
            starts.push(next);
        }
        let start = starts.last().copied().unwrap_or(first);
        ascii.push(bytes[start..].is_ascii());
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// Number of lines (an empty text has one, empty, line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where the 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// 0-based line containing the byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// 1-based line and column of a byte offset (which must be a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        let column = if self.ascii[line] {
            offset - start
        } else {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        };
        (line as u32 + 1, column as u32 + 1)
    }

    /// The full span of a byte range.
    pub fn span(&self, text: &str, range: TextRange) -> Span {
        let (line, column) = self.position(text, range.start);
        let (end_line, end_column) = self.position(text, range.end);
        Span {
            start: range.start,
            end: range.end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_across_line_endings() {
        let text = "ab\r\ncd\ref\ngh";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 4), (2, 1));
        assert_eq!(index.position(text, 7), (3, 1));
        assert_eq!(index.position(text, 11), (4, 2));
    }

    #[test]
    fn columns_count_chars_and_skip_bom() {
        let text = "\u{FEFF}“a” b\nx";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(index.position(text, 3), (1, 1));
        assert_eq!(index.position(text, b), (1, 5));
        assert_eq!(index.position(text, text.len()), (2, 2));
    }
}

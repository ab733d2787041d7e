//! LSP positions: lines and UTF-16 code units, as the protocol requires. All conversions
//! between byte offsets and LSP positions live here.

use lsp_types::{Position, Range};

use crate::span::{LineIndex, TextRange};

/// Converts between byte offsets and LSP positions for one text.
pub struct Positions<'a> {
    text: &'a str,
    lines: LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Positions {
            text,
            lines: LineIndex::new(text),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line).min(offset);
        let character = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, r: TextRange) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }

    /// The byte offset of a position; past the end of a line, the end of the line.
    pub fn offset(&self, p: Position) -> usize {
        let line = p.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let start = self.lines.line_start(line);
        let end = if line + 1 < self.lines.line_count() {
            self.lines.line_start(line + 1)
        } else {
            self.text.len()
        };
        let line_text = &self.text[start..end];
        let mut units = 0u32;
        for (i, c) in line_text.char_indices() {
            if units >= p.character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trip() {
        let text = "“a” 𝒳 b\r\nline two";
        let p = Positions::new(text);
        let b = text.find('b').unwrap();
        // “ (1) a (1) ” (1) space (1) 𝒳 (2 units) space (1)
        assert_eq!(p.position(b), Position::new(0, 7));
        assert_eq!(p.offset(Position::new(0, 7)), b);
        let two = text.find("two").unwrap();
        assert_eq!(p.position(two), Position::new(1, 5));
        assert_eq!(p.offset(Position::new(1, 5)), two);
        assert_eq!(p.offset(Position::new(0, 99)), text.find('\r').unwrap());
        assert_eq!(p.offset(Position::new(9, 0)), text.len());
    }
}

//! The program's texts by path, for the renderers: positions of spans as
//! 1-based lines and character columns, and spans made safe to slice.
//!
//! Line indexes are built on first use, so a large clean file costs nothing.

use crate::sources::SourceText;
use ownc_lang::{LineIndex, Span};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

pub struct SourceMap {
    files: HashMap<Arc<str>, Entry>,
}

struct Entry {
    text: Arc<str>,
    lines: OnceLock<LineIndex>,
}

/// A 1-based line and column; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceMap {
    pub fn new(sources: &[SourceText]) -> SourceMap {
        let files = sources
            .iter()
            .map(|s| {
                let entry = Entry {
                    text: s.text.clone(),
                    lines: OnceLock::new(),
                };
                (s.path.clone(), entry)
            })
            .collect();
        SourceMap { files }
    }

    pub fn text(&self, path: &str) -> Option<&Arc<str>> {
        self.files.get(path).map(|e| &e.text)
    }

    /// Where a byte offset falls. A file the map does not hold (the checker
    /// named a path outside the program) yields line 1, column 1 rather than
    /// a crash: the diagnostic is still worth showing.
    pub fn position(&self, path: &str, offset: u32) -> Position {
        let Some(entry) = self.files.get(path) else {
            return Position { line: 1, column: 1 };
        };
        let lines = entry.lines.get_or_init(|| LineIndex::new(&entry.text));
        let (line, column) = lines.line_col(&entry.text, offset);
        Position { line, column }
    }
}

/// `span` clamped into `text` with both ends moved back to character
/// boundaries, so slicing (ours or ariadne's) can never panic on a span a
/// phase computed wrongly.
pub fn safe_range(text: &str, span: Span) -> Range<usize> {
    let start = floor_char_boundary(text, span.start as usize);
    let end = floor_char_boundary(text, span.end as usize).max(start);
    start..end
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_range_clamps_and_respects_char_boundaries() {
        let text = "aé b"; // `é` is two bytes: 1..3
        assert_eq!(safe_range(text, Span::new(2, 3)), 1..3);
        assert_eq!(safe_range(text, Span::new(3, 99)), 3..5);
        assert_eq!(safe_range(text, Span::new(90, 99)), 5..5);
    }

    #[test]
    fn positions_count_characters() {
        let sources = [SourceText {
            path: "a.own".into(),
            text: "é x\n  y".into(),
        }];
        let map = SourceMap::new(&sources);
        assert_eq!(map.position("a.own", 3), Position { line: 1, column: 3 });
        assert_eq!(map.position("a.own", 7), Position { line: 2, column: 3 });
        assert_eq!(map.position("b.own", 7), Position { line: 1, column: 1 });
    }
}

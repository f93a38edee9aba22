//! Byte-offset spans into one source file, carried by every token and AST node.
//!
//! A span is either absolute (anchor 0: offsets from the start of the file,
//! as the lexer and parser make them) or relative to an *anchor*: the start
//! of one declaration's header or of one class member (see `anchor.rs`). The
//! checker works on anchored trees, so that an edit which changes the length
//! of one method body leaves every other declaration's tree, and every
//! query result computed from it, equal; diagnostics are made absolute again
//! with the file's [`Anchors`](crate::Anchors) when they are reported.

use std::fmt;

/// A half-open byte range `start..end` into the text of one file, relative
/// to `anchor` (0: the start of the file).
///
/// Offsets are `u32`: a single source file is capped well below 4 GiB by the
/// driver, and small spans keep the AST cache-friendly.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub anchor: u32,
}

impl Span {
    /// An absolute span.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
            anchor: 0,
        }
    }

    /// A span with the same anchor as `self` and offsets `start..end`
    /// (relative to that anchor).
    pub fn with_range(self, start: u32, end: u32) -> Span {
        Span {
            start,
            end: end.max(start),
            anchor: self.anchor,
        }
    }

    /// The smallest span covering both `self` and `other` (both relative to
    /// the same anchor).
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            anchor: self.anchor,
        }
    }

    /// An empty span at the end of this one (where something is missing).
    pub fn at_end(self) -> Span {
        Span {
            start: self.end,
            end: self.end,
            anchor: self.anchor,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

fn clamp(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.anchor != 0 {
            write!(f, "@{}:", self.anchor)?;
        }
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Lets chumsky carry our spans directly, so tokens need no second span
/// vector and the parser no conversions.
impl chumsky::span::Span for Span {
    type Context = ();
    type Offset = u32;

    fn new((): (), range: std::ops::Range<u32>) -> Span {
        Span {
            start: range.start,
            end: range.end.max(range.start),
            anchor: 0,
        }
    }

    fn context(&self) {}

    fn start(&self) -> u32 {
        self.start
    }

    fn end(&self) -> u32 {
        self.end
    }
}

/// Converts byte offsets to 1-based line and column numbers (columns count
/// characters, as editors and the JSON format of LANGUAGE.md §14 expect).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(clamp(i + 1));
            }
        }
        LineIndex { line_starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts chars.
    pub fn line_col(&self, text: &str, offset: u32) -> (usize, usize) {
        let offset = offset.min(clamp(text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0) as usize;
        let end = (offset as usize).max(start);
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offset of the start of a 0-based line, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.line_starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

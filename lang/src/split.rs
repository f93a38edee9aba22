//! Parsing a file declaration by declaration, so that an edit re-parses
//! one declaration and not the file.
//!
//! [`declaration_starts`] cuts a file's text into *chunks* with a scan of
//! its bytes, much cheaper than lexing it: a chunk starts where a
//! declaration keyword (`class`, `rref`, `regionkind`, `message`,
//! `contract`, `main`) stands at bracket depth 0 right after a `}` or `;`,
//! outside comments and strings. Each chunk is then parsed on its own
//! ([`parse_chunk`], which a caller may memoize by the chunk's text) and
//! the chunks are put together ([`ParsedFile::from_parts`]).
//!
//! Why the chunks' trees are the file's: the scan skips comments and
//! strings as the lexer does, so every cut falls between two tokens the
//! lexer would also read, and no token, nor the lexer's nesting and
//! operator limits (counted per statement), spans a cut. No declaration
//! looks past its closing `}` or `;`, so a file whose chunks all parse
//! without error parses, whole, to the same declarations. A chunk with an
//! error says nothing of the file (recovery may read across a cut), so then
//! the caller parses the file whole ([`ParsedFile::whole`]), for the same
//! diagnostics as always. The anchored spans are the same either way (see
//! `anchor.rs`). A unit test holds both readings to the same result over
//! every case of the repository and byte-level mutations of them.

use crate::anchor::{ChunkAnchors, MAX_CHUNKS, anchor_chunk};
use crate::ast::Item;
use crate::diagnostic::Diagnostic;
use crate::{Anchors, Parsed};
use std::ops::Not;
use std::sync::Arc;

/// Where the chunks of `src` start (byte offsets; the first is 0). At most
/// [`MAX_CHUNKS`]: the declarations after that stay in the last chunk.
///
/// The scan jumps from one byte that matters to the next with vectorized
/// searches (`memchr`): braces and `"` (strings), `/` (comments), and `;`
/// at depth 0; it runs at every edit, over the whole file, and a branch per
/// byte cost more than the rest of a re-check. Parentheses and brackets
/// are not counted: in a file that parses, none is open at a `}` or `;` of
/// depth 0 (only a message's payload has them there), and in one that does
/// not, a chunk cut inside them does not parse either, and the file is
/// parsed whole.
pub fn declaration_starts(src: &str) -> Vec<u32> {
    let bytes = src.as_bytes();
    let mut starts = vec![0];
    let mut depth = 0usize;
    let mut i = 0;
    // The next `/` and `;` at or after `i` (rarer than braces, or wanted
    // only at depth 0), searched for again only once `i` has passed them.
    let mut slash = Next::new(b'/');
    let mut semi = Next::new(b';');
    loop {
        let rest = bytes.get(i..).unwrap_or_default();
        let mut at = memchr::memchr3(b'{', b'}', b'"', rest).map_or(bytes.len(), |n| i + n);
        at = at.min(slash.at_or_after(bytes, i));
        if depth == 0 {
            at = at.min(semi.at_or_after(bytes, i));
        }
        let Some(&b) = bytes.get(at) else {
            break;
        };
        i = at + 1;
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    i = declaration_after(bytes, i, &mut starts);
                }
            }
            b';' => i = declaration_after(bytes, i, &mut starts),
            b'"' => i = string_end(bytes, i),
            b'/' => i = comment_end(bytes, at).unwrap_or(i),
            _ => {}
        }
    }
    starts
}

/// The next occurrence of one byte, searched for lazily.
struct Next {
    byte: u8,
    /// Where it was found last (the end of the text if nowhere), and
    /// whether it has been searched for at all.
    at: usize,
    searched: bool,
}

impl Next {
    fn new(byte: u8) -> Next {
        Next {
            byte,
            at: 0,
            searched: false,
        }
    }

    /// The first occurrence at or after `i`.
    fn at_or_after(&mut self, bytes: &[u8], i: usize) -> usize {
        if !self.searched || self.at < i {
            let rest = bytes.get(i..).unwrap_or_default();
            self.at = memchr::memchr(self.byte, rest).map_or(bytes.len(), |n| i + n);
            self.searched = true;
        }
        self.at
    }
}

/// After a `}` or `;` at depth 0, at `i`: skips spaces and comments, and
/// records a chunk start if a declaration keyword follows. Returns where
/// the scan goes on.
fn declaration_after(bytes: &[u8], mut i: usize, starts: &mut Vec<u32>) -> usize {
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => i += 1,
            Some(b'/') => match comment_end(bytes, i) {
                Some(end) => i = end,
                None => return i,
            },
            _ => break,
        }
    }
    let word_end = bytes
        .get(i..)
        .and_then(|rest| {
            rest.iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
        })
        .map_or(bytes.len(), |len| i + len);
    let keyword = matches!(
        bytes.get(i..word_end),
        Some(b"class" | b"rref" | b"regionkind" | b"message" | b"contract" | b"main")
    );
    if keyword && starts.len() < MAX_CHUNKS {
        starts.push(u32::try_from(i).unwrap_or(u32::MAX));
    }
    i
}

/// Where the comment starting at `at` ends (at its newline for `//`, after
/// `*/` for `/*`, or at the end of the file), or `None` if no comment
/// starts there.
fn comment_end(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at + 2..).unwrap_or_default();
    match bytes.get(at + 1) {
        Some(b'/') => Some(
            rest.iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |n| at + 2 + n),
        ),
        Some(b'*') => Some(
            rest.windows(2)
                .position(|w| w == b"*/")
                .map_or(bytes.len(), |n| at + 2 + n + 2),
        ),
        _ => None,
    }
}

/// Where a string whose contents start at `from` ends: after its closing
/// `"`, or at the newline or end of file that leaves it unterminated (the
/// lexer's error; the chunk will not parse). A backslash takes the next
/// byte with it, as every escape the lexer accepts is one byte.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return i + 1,
            b'\n' => return i,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// One chunk read without error: its declarations, anchored in chunk
/// `chunk` (spans relative to the anchors, anchors relative to the chunk's
/// text).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chunk {
    pub items: Vec<Item>,
    pub anchors: ChunkAnchors,
}

/// Parses and anchors the text of chunk `chunk`; `None` if it has a
/// lexical or syntax error (then the file is to be parsed whole). Only the
/// fast first pass of the parser runs: no messages are made here.
pub fn parse_chunk(text: &str, chunk: u32) -> Option<Chunk> {
    let mut file = crate::parser::parse_clean(text)?;
    let anchors = anchor_chunk(&mut file.items, chunk);
    Some(Chunk {
        items: file.items,
        anchors,
    })
}

/// A file's declarations, anchored, as one or several chunks' trees, with
/// its syntax errors (absolute) and its anchors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ParsedFile {
    /// Shared with whoever memoizes the chunks: putting a file together
    /// copies no tree.
    parts: Vec<Arc<Chunk>>,
    /// Parsed whole (one part), not chunk by chunk.
    whole: bool,
    pub errors: Vec<Diagnostic>,
    pub anchors: Anchors,
}

impl ParsedFile {
    /// The file `src` whose chunk `c` starts at `starts[c]` and reads as
    /// `parts[c]`: put together from its chunks if every one parsed
    /// (`Some`), parsed whole otherwise.
    pub fn from_parts(
        src: &str,
        starts: &[u32],
        parts: impl IntoIterator<Item = Option<Arc<Chunk>>>,
    ) -> ParsedFile {
        match parts.into_iter().collect::<Option<Vec<_>>>() {
            Some(parts) => ParsedFile::assemble(starts, parts),
            None => ParsedFile::whole(src),
        }
    }

    /// The file whose chunk `c` starts at `starts[c]` and reads as
    /// `parts[c]`, every chunk without error.
    fn assemble(starts: &[u32], parts: Vec<Arc<Chunk>>) -> ParsedFile {
        let anchors = Anchors::from_chunks(starts, parts.iter().map(|p| p.anchors.clone()));
        ParsedFile {
            parts,
            whole: false,
            errors: Vec::new(),
            anchors,
        }
    }

    /// The file parsed whole, with every syntax error, and anchored.
    pub fn whole(src: &str) -> ParsedFile {
        let Parsed {
            mut file, errors, ..
        } = crate::parse(src);
        let anchors = crate::anchor_file(&mut file);
        let whole = Chunk {
            items: file.items,
            anchors: ChunkAnchors::default(),
        };
        ParsedFile {
            parts: vec![Arc::new(whole)],
            whole: true,
            errors,
            anchors,
        }
    }

    /// The file's declarations, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> + '_ {
        self.parts.iter().flat_map(|part| part.items.iter())
    }

    /// How many declarations the file has.
    pub fn item_count(&self) -> usize {
        self.parts.iter().map(|part| part.items.len()).sum()
    }

    /// How many declarations each chunk has, or `None` for a file parsed
    /// whole.
    pub fn chunk_item_counts(&self) -> Option<impl Iterator<Item = usize> + '_> {
        self.whole
            .not()
            .then(|| self.parts.iter().map(|part| part.items.len()))
    }
}

/// Parses `src` chunk by chunk (on the [`crate::workers`] threads), or
/// whole if a chunk has an error: what a caller that memoizes
/// [`parse_chunk`] computes, without the memo.
pub fn parse_split(src: &str) -> ParsedFile {
    let starts = declaration_starts(src);
    let texts: Vec<&str> = chunk_texts(src, &starts).collect();
    let parts = crate::workers::map_indices(
        texts.len(),
        16,
        || (),
        |(), i| {
            let text = texts.get(i)?;
            parse_chunk(text, u32::try_from(i).ok()?).map(Arc::new)
        },
    );
    ParsedFile::from_parts(src, &starts, parts)
}

/// The text of each chunk of `src` cut at `starts`.
pub fn chunk_texts<'s: 'a, 'a>(
    src: &'s str,
    starts: &'a [u32],
) -> impl Iterator<Item = &'s str> + 'a {
    chunk_ranges(src, starts)
        .map(|(from, to)| src.get(from as usize..to as usize).unwrap_or_default())
}

/// Where each chunk of `src` cut at `starts` begins and ends.
pub fn chunk_ranges<'a>(src: &str, starts: &'a [u32]) -> impl Iterator<Item = (u32, u32)> + 'a {
    let end = u32::try_from(src.len()).unwrap_or(u32::MAX);
    let ends = starts.iter().skip(1).copied().chain([end]);
    starts.iter().copied().zip(ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(src: &str) -> Vec<&str> {
        let starts = declaration_starts(src);
        chunk_texts(src, &starts).collect()
    }

    #[test]
    fn a_chunk_starts_at_each_declaration_after_the_first() {
        let src = "// lead\nclass A { int f; }\nmessage M(int);\nrref class P { }\
                   \nregionkind K { }\ncontract C { initial final state s { } }\nmain { }\n";
        let texts = cuts(src);
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert!(texts[0].starts_with("// lead\nclass A"));
        assert!(texts[2].starts_with("rref class P"));
        assert!(texts[5].starts_with("main"));
    }

    #[test]
    fn comments_strings_and_brackets_hide_keywords() {
        for src in [
            "class A { } // } class B { }\n",
            "class A { } /* } class B { } */\n",
            "class A { void f() { print(\"} class B {\"); } }\n",
            "class A { void f() { print(\"\\\" } class B {\"); } }\n",
            "class A { void f() { } class B { } }\n",
            "class A { } classy B { }\n",
            "class A { } x class B { }\n",
        ] {
            assert_eq!(cuts(src).len(), 1, "{src}");
        }
        // After a comment, a declaration still starts a chunk.
        assert_eq!(cuts("class A { } /* c */ // d\nclass B { }").len(), 2);
    }

    /// What a reading of a file gives, with every anchor made absolute, for
    /// comparing the two readings.
    fn reading(parsed: &ParsedFile) -> (Vec<Item>, Vec<Diagnostic>, Vec<(u32, u32)>) {
        (
            parsed.items().cloned().collect(),
            parsed.errors.clone(),
            parsed.anchors.iter().collect(),
        )
    }

    /// Byte-level edits that move the cuts or break the tokens around
    /// them: inserted brackets, separators, quotes, comment marks, newlines
    /// and keywords, and removed bytes.
    const INSERTS: &[&str] = &[
        "}", "{", ";", "\"", "/*", "*/", "//", "\n", "class ", "main ", "(", ")", "\\",
    ];

    #[test]
    fn chunks_read_as_the_whole_file() {
        let texts = crate::parser::tests::corpus();
        assert!(texts.len() > 100, "corpus not found: {} files", texts.len());
        let (mut files, mut split) = (0, 0);
        for text in &texts {
            let step = (text.len() / 10).max(1);
            let mut variants = vec![text.clone()];
            for (k, at) in (0..text.len()).step_by(step).enumerate() {
                if !text.is_char_boundary(at) || !text.is_char_boundary(at + 1) {
                    continue;
                }
                let mut edited = text.clone();
                match INSERTS.get(k % (INSERTS.len() + 1)) {
                    Some(insert) => edited.insert_str(at, insert),
                    None => {
                        edited.remove(at);
                    }
                }
                variants.push(edited);
            }
            for variant in &variants {
                let whole = ParsedFile::whole(variant);
                let chunked = parse_split(variant);
                files += 1;
                split += usize::from(chunked.parts.len() > 1);
                assert!(
                    reading(&chunked) == reading(&whole),
                    "the chunks read otherwise than the whole file:\n{variant}"
                );
            }
        }
        assert!(files > 2_000 && split > 500, "{files} files, {split} split");
    }
}

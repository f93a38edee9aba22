//! A hand-written lexer: source text to tokens with spans, plus E0001 for
//! characters it cannot read. It also enforces the nesting limits (bracket
//! depth, operators per statement), so neither the parser nor the walks
//! over its tree can overflow their stacks.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::token::{Kind, Kw, Lexeme, Punct, Token};

/// Deepest bracket nesting the parser accepts. Real programs stay far below;
/// deeper groups are cut out with one E0001 each.
pub const MAX_NESTING: usize = 200;

/// Most operators, and `if`, `while` and `for` heads, one statement may
/// hold. An expression's tree is as deep as its longest run of prefix
/// operators or its longest chain of binary ones (`1 + 1 + …` nests to the
/// left), a statement's as its heads nested without braces (`if (a) if (b)
/// …`), and every later walk recurses into them; real statements hold a
/// handful. Half a million operators overflowed the checker's 1 GiB stack
/// in a debug build (two million in a release one), as did a million
/// nested `if`s.
pub const MAX_OPERATORS: usize = 100_000;

/// The tokens of one file, and the lexical errors.
#[derive(Debug, Default)]
pub struct Lexed<'src> {
    /// The text lexed: the lexemes' ranges are offsets into it.
    pub src: &'src str,
    pub lexemes: Vec<Lexeme>,
    pub errors: Vec<Diagnostic>,
}

impl<'src> Lexed<'src> {
    /// Every token with its span, in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = (Token<'src>, Span)> + '_ {
        let src = self.src;
        self.lexemes.iter().map(move |l| (l.token(src), l.span()))
    }
}

pub fn lex(src: &str) -> Lexed<'_> {
    let starts = piece_starts(src, crate::workers::threads());
    let mut out =
        lex_pieces(src, &starts).unwrap_or_else(|| lex_range(src, 0, src.len(), src.len()));
    let (too_deep, too_long) = over_limits(&out.lexemes);
    if too_deep {
        limit_nesting(&mut out);
    }
    if too_long {
        limit_operators(&mut out);
    }
    out
}

/// Whether `tokens` nest brackets deeper than [`MAX_NESTING`], and whether
/// a statement holds more than [`MAX_OPERATORS`]: one look at every token,
/// so a file within both limits (every real one) pays for no rebuild.
fn over_limits(lexemes: &[Lexeme]) -> (bool, bool) {
    let (mut depth, mut count) = (0usize, 0usize);
    let (mut too_deep, mut too_long) = (false, false);
    for l in lexemes {
        match l.kind {
            Kind::Punct(Punct::LParen | Punct::LBrace | Punct::LBracket) => {
                depth += 1;
                too_deep |= depth > MAX_NESTING;
            }
            Kind::Punct(Punct::RParen | Punct::RBrace | Punct::RBracket) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        if ends_statement(l.kind) {
            count = 0;
        } else if counts_toward_limit(l.kind) {
            count += 1;
            too_long |= count > MAX_OPERATORS;
        }
    }
    (too_deep, too_long)
}

/// Bytes per piece below which a file is lexed on one thread: a piece
/// should take a good part of a millisecond, not the tens of microseconds
/// a thread costs to start.
const MIN_PIECE_BYTES: usize = 64 * 1024;

/// Where the pieces of a file start when it is lexed on `threads` threads
/// (byte offsets; the first is 0): up to `threads` pieces of at least
/// [`MIN_PIECE_BYTES`], each starting at the beginning of a line.
fn piece_starts(src: &str, threads: usize) -> Vec<usize> {
    let pieces = threads.min(src.len() / MIN_PIECE_BYTES).max(1);
    let mut starts = vec![0];
    for k in 1..pieces {
        let wanted = src.len() * k / pieces;
        let line_start = src
            .as_bytes()
            .get(wanted..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map(|newline| wanted + newline + 1);
        match line_start {
            Some(at) if at < src.len() && starts.last().is_some_and(|&last| at > last) => {
                starts.push(at);
            }
            _ => break,
        }
    }
    starts
}

/// The tokens of `src`, lexed piece by piece on [`crate::workers`]
/// threads; `None` when there is one piece only or when a piece has a
/// lexical error (the caller then lexes the whole file on one thread).
///
/// Why the pieces' tokens are the file's: every piece starts at the
/// beginning of a line and ends just after a newline. Only two tokens can
/// run past a newline, a block comment and a string with a backslash before
/// the newline, and cut at the end of its piece each is a lexical error,
/// which sends the file back to one thread. Every other token ends before
/// the newline, and the lexer looks at most two bytes ahead, so it reads
/// each piece as it reads the same bytes in the whole file, and starts each
/// piece, as it reaches it in the whole file, between two tokens.
fn lex_pieces<'src>(src: &'src str, starts: &[usize]) -> Option<Lexed<'src>> {
    if starts.len() < 2 {
        return None;
    }
    let pieces = crate::workers::map_ranges(starts, src.len(), |i, range| {
        // The first piece's vector receives the others' tokens, so it
        // reserves room for the whole file.
        let room = if i == 0 { src.len() } else { range.len() };
        lex_range(src, range.start, range.end, room)
    });
    if pieces.iter().any(|piece| !piece.errors.is_empty()) {
        return None;
    }
    let mut pieces = pieces.into_iter();
    let mut out = pieces.next()?;
    out.lexemes
        .reserve(pieces.as_slice().iter().map(|p| p.lexemes.len()).sum());
    for piece in pieces {
        out.lexemes.extend(piece.lexemes);
    }
    Some(out)
}

/// The tokens of `src[from..to]`, with the spans they have in `src`, in a
/// vector with room for the tokens of `room` bytes.
fn lex_range(src: &str, from: usize, to: usize, room: usize) -> Lexed<'_> {
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes().get(..to).unwrap_or_default(),
        // A UTF-8 byte order mark, which some editors write at the start
        // of a file, is not part of the program (rustc skips it too).
        pos: if from == 0 && src.starts_with('\u{feff}') {
            3
        } else {
            from
        },
        // Source text averages well over three bytes a token; reserving
        // that up front saves copying the vector as it grows (pages never
        // touched are never committed).
        out: Lexed {
            src,
            lexemes: Vec::with_capacity(room / 3 + 16),
            errors: Vec::new(),
        },
    };
    lexer.run();
    lexer.out
}

/// Whether `b` may continue a name (or a number's suffix): a letter, a
/// digit or `_`. A table, because names are most of a program's bytes.
fn continues_word(b: u8) -> bool {
    const TABLE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric() || c == b'_';
            b += 1;
        }
        table
    };
    TABLE[usize::from(b)]
}

struct Lexer<'src> {
    src: &'src str,
    bytes: &'src [u8],
    pos: usize,
    out: Lexed<'src>,
}

impl<'src> Lexer<'src> {
    fn run(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            let start = self.pos;
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => self.spaces(),
                b'/' if self.peek(1) == Some(b'/') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment(),
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.ident(),
                b'0'..=b'9' => self.number(),
                b'"' => self.string(),
                _ => match self.punct() {
                    Some((p, len)) => {
                        self.pos += len;
                        self.push(Kind::Punct(p), start);
                    }
                    None => self.bad_chars(),
                },
            }
        }
    }

    /// A run of white space (most of it indentation, so a loop of its own).
    fn spaces(&mut self) {
        self.pos += 1;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|&b| b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' || b == b'\x0c')
        {
            self.pos += 1;
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn push(&mut self, kind: Kind, start: usize) {
        self.out
            .lexemes
            .push(Lexeme::at(kind, Span::new(start, self.pos)));
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        self.out.errors.push(Diagnostic::error(
            Code::SYNTAX,
            Span::new(start, end),
            message,
        ));
    }

    fn text(&self, start: usize) -> &'src str {
        self.src.get(start..self.pos).unwrap_or("")
    }

    fn line_comment(&mut self) {
        while let Some(b) = self.peek(0) {
            if b == b'\n' {
                break;
            }
            self.pos += 1;
        }
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        self.pos += 2;
        loop {
            match self.peek(0) {
                None => {
                    self.error(start, start + 2, "unterminated block comment");
                    return;
                }
                Some(b'*') if self.peek(1) == Some(b'/') => {
                    self.pos += 2;
                    return;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn ident(&mut self) {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(|&b| continues_word(b)) {
            self.pos += 1;
        }
        let kind = Kw::from_word(self.text(start)).map_or(Kind::Ident, Kind::Kw);
        self.push(kind, start);
    }

    fn digits(&mut self) {
        while matches!(self.peek(0), Some(b'0'..=b'9' | b'_')) {
            self.pos += 1;
        }
    }

    fn number(&mut self) {
        let start = self.pos;
        self.digits();
        let mut float = false;
        if self.peek(0) == Some(b'.') && matches!(self.peek(1), Some(b'0'..=b'9')) {
            float = true;
            self.pos += 1;
            self.digits();
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(self.peek(1), Some(b'+' | b'-')));
            if matches!(self.peek(1 + sign), Some(b'0'..=b'9')) {
                float = true;
                self.pos += 1 + sign;
                self.digits();
            }
        }
        if matches!(self.peek(0), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_')) {
            // `12abc`: one malformed literal, not a number then a name.
            while matches!(
                self.peek(0),
                Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_')
            ) {
                self.pos += 1;
            }
            self.error(
                start,
                self.pos,
                format!("malformed number `{}`", self.text(start)),
            );
            self.push(Kind::Error, start);
            return;
        }
        self.push(if float { Kind::Float } else { Kind::Int }, start);
    }

    fn string(&mut self) {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek(0) {
                None | Some(b'\n') => {
                    self.error(start, self.pos, "unterminated string literal");
                    self.push(Kind::Error, start);
                    return;
                }
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    if !matches!(self.peek(1), Some(b'n' | b't' | b'"' | b'\\')) {
                        let len = self.src.get(self.pos + 1..).and_then(|s| s.chars().next());
                        let end = self.pos + 1 + len.map_or(0, char::len_utf8);
                        self.error(
                            self.pos,
                            end,
                            "unknown escape: only \\n \\t \\\" \\\\ are allowed",
                        );
                        self.pos = end;
                    } else {
                        self.pos += 2;
                    }
                }
                Some(_) => self.pos += 1,
            }
        }
        self.push(Kind::Str, start);
    }

    fn punct(&self) -> Option<(Punct, usize)> {
        let two = match (self.peek(0)?, self.peek(1)) {
            (b'<', Some(b'=')) => Some(Punct::Le),
            (b'>', Some(b'=')) => Some(Punct::Ge),
            (b'=', Some(b'=')) => Some(Punct::EqEq),
            (b'!', Some(b'=')) => Some(Punct::Ne),
            (b'+', Some(b'=')) => Some(Punct::PlusAssign),
            (b'-', Some(b'=')) => Some(Punct::MinusAssign),
            (b'*', Some(b'=')) => Some(Punct::StarAssign),
            (b'/', Some(b'=')) => Some(Punct::SlashAssign),
            (b'&', Some(b'&')) => Some(Punct::AndAnd),
            (b'|', Some(b'|')) => Some(Punct::OrOr),
            (b'-', Some(b'>')) => Some(Punct::Arrow),
            (b'=', Some(b'>')) => Some(Punct::FatArrow),
            _ => None,
        };
        if let Some(p) = two {
            return Some((p, 2));
        }
        let one = match self.peek(0)? {
            b'(' => Punct::LParen,
            b')' => Punct::RParen,
            b'{' => Punct::LBrace,
            b'}' => Punct::RBrace,
            b'[' => Punct::LBracket,
            b']' => Punct::RBracket,
            b'<' => Punct::Lt,
            b'>' => Punct::Gt,
            b'=' => Punct::Assign,
            b'+' => Punct::Plus,
            b'-' => Punct::Minus,
            b'*' => Punct::Star,
            b'/' => Punct::Slash,
            b'%' => Punct::Percent,
            b'!' => Punct::Bang,
            b'.' => Punct::Dot,
            b',' => Punct::Comma,
            b';' => Punct::Semi,
            b':' => Punct::Colon,
            b'~' => Punct::Tilde,
            b'@' => Punct::At,
            b'?' => Punct::Question,
            _ => return None,
        };
        Some((one, 1))
    }

    /// A run of characters that start no token: one error for the whole run,
    /// so a stray paste of binary data is one diagnostic, not thousands.
    fn bad_chars(&mut self) {
        let start = self.pos;
        let rest = self.src.get(start..).unwrap_or("");
        for c in rest.chars() {
            let starts_token = c.is_ascii_alphanumeric()
                || c.is_ascii_whitespace()
                || "_\"(){}[]<>=!+-*/%&|.,;:~@?".contains(c);
            if starts_token && self.pos > start {
                break;
            }
            self.pos += c.len_utf8();
            if starts_token {
                break;
            }
        }
        let text = self.text(start);
        let shown: String = text.chars().take(16).collect();
        let message = if text.chars().count() == 1 {
            format!("unexpected character `{}`", text.escape_debug())
        } else {
            format!("unexpected characters `{}`", shown.escape_debug())
        };
        self.error(start, self.pos, message);
        self.push(Kind::Error, start);
    }
}

/// Replaces every bracket group nested deeper than [`MAX_NESTING`] by one
/// `Kind::Error` lexeme and reports it once (run when [`over_limits`] finds one).
fn limit_nesting(lexed: &mut Lexed<'_>) {
    let lexemes = std::mem::take(&mut lexed.lexemes);
    let mut depth = 0usize;
    let mut cut: Option<(usize, Span)> = None; // depth at the cut, its span
    for l in lexemes {
        let span = l.span();
        let opens = matches!(
            l.kind,
            Kind::Punct(Punct::LParen | Punct::LBrace | Punct::LBracket)
        );
        let closes = matches!(
            l.kind,
            Kind::Punct(Punct::RParen | Punct::RBrace | Punct::RBracket)
        );
        if opens {
            depth += 1;
        }
        if let Some((cut_depth, cut_span)) = &mut cut {
            *cut_span = cut_span.to(span);
            if closes && depth == *cut_depth {
                depth -= 1;
                lexed.lexemes.push(Lexeme::at(Kind::Error, *cut_span));
                cut = None;
            } else if closes {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if opens && depth > MAX_NESTING {
            lexed.errors.push(
                Diagnostic::error(
                    Code::SYNTAX,
                    span,
                    format!("brackets nested more than {MAX_NESTING} levels deep"),
                )
                .with_label("this group is too deeply nested")
                .with_help("split the expression or block into smaller pieces"),
            );
            cut = Some((depth, span));
            continue;
        }
        if closes {
            depth = depth.saturating_sub(1);
        }
        lexed.lexemes.push(l);
    }
    if let Some((_, span)) = cut {
        lexed.lexemes.push(Lexeme::at(Kind::Error, span));
    }
}

/// The tokens [`MAX_OPERATORS`] counts: operators, and the heads of the
/// statements that nest without braces.
fn counts_toward_limit(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Punct(
            Punct::Plus
                | Punct::Minus
                | Punct::Star
                | Punct::Slash
                | Punct::Percent
                | Punct::EqEq
                | Punct::Ne
                | Punct::Lt
                | Punct::Le
                | Punct::Gt
                | Punct::Ge
                | Punct::AndAnd
                | Punct::OrOr
                | Punct::Bang
        ) | Kind::Kw(Kw::If | Kw::While | Kw::For)
    )
}

/// Where a statement ends or a block starts: the operator count restarts.
fn ends_statement(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Punct(Punct::Semi | Punct::LBrace | Punct::RBrace)
    )
}

/// Cuts every statement holding more than [`MAX_OPERATORS`] operators
/// before its first operator past the limit, with one E0001: the rest, up
/// to the statement's end, is dropped. Where the cut leaves an operator
/// without its operand (a run of prefix operators), a `Kind::Error`, an
/// operand already reported, takes the dropped tokens' place (run when
/// [`over_limits`] finds such a statement; it rebuilds the tokens as they
/// are if none is left after [`limit_nesting`]).
fn limit_operators(lexed: &mut Lexed<'_>) {
    let lexemes = std::mem::take(&mut lexed.lexemes);
    let mut count = 0usize;
    // The span of the tokens dropped so far in this statement.
    let mut cut: Option<Span> = None;
    for l in lexemes {
        let span = l.span();
        if ends_statement(l.kind) {
            if let Some(dropped) = cut.take() {
                close_cut(lexed, dropped);
            }
            count = 0;
        } else if let Some(dropped) = &mut cut {
            *dropped = dropped.to(span);
            continue;
        } else if counts_toward_limit(l.kind) {
            count += 1;
            if count > MAX_OPERATORS {
                lexed.errors.push(
                    Diagnostic::error(
                        Code::SYNTAX,
                        span,
                        format!(
                            "more than {MAX_OPERATORS} operators or nested `if`, `while` and `for` in one statement"
                        ),
                    )
                    .with_label("the statement is cut before this operator")
                    .with_help("split the expression into several statements"),
                );
                cut = Some(span);
                continue;
            }
        }
        lexed.lexemes.push(l);
    }
    if let Some(dropped) = cut {
        close_cut(lexed, dropped);
    }
}

/// Ends a cut of [`limit_operators`]: an operator (or a head) left last gets an
/// erroneous operand.
fn close_cut(lexed: &mut Lexed<'_>, dropped: Span) {
    if lexed
        .lexemes
        .last()
        .is_some_and(|l| counts_toward_limit(l.kind))
    {
        lexed.lexemes.push(Lexeme::at(Kind::Error, dropped));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid text with a byte order mark, block comments over several
    /// lines, non-ASCII text in comments and strings, numbers of every form.
    const CLEAN: &str = "\u{feff}class A<o> { // comment é\n  int f; /* one\n line\n */ int g;\n  \
        void m() { print(\"ü\\n\"); x = 1.5e3 + 12 + 3e-2; }\n/*\n*/\n  void n() { }\n}\nmain { }";

    /// Text with lexical errors, some of them tokens cut by a newline.
    const BROKEN: &str =
        "int a; /* one\n two */ int b;\nprint(\"x\\\ny\");\n# int c;\n\"open\n/* open\nmain { }\n";

    fn starts_of_lines(src: &str) -> Vec<usize> {
        std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < src.len())
            .collect()
    }

    /// Every way of cutting `src` in two or three pieces at line starts.
    fn cuts(src: &str) -> Vec<Vec<usize>> {
        let lines = starts_of_lines(src);
        let mut cuts = Vec::new();
        for (i, &a) in lines.iter().enumerate().skip(1) {
            cuts.push(vec![0, a]);
            for &b in lines.iter().skip(i + 1) {
                cuts.push(vec![0, a, b]);
            }
        }
        cuts
    }

    /// Lexing cut at line starts gives the tokens of lexing the whole
    /// text, unless a cut falls inside a block comment.
    #[test]
    fn pieces_lex_as_the_whole_file() {
        let whole = lex_range(CLEAN, 0, CLEAN.len(), CLEAN.len());
        assert!(whole.errors.is_empty(), "{:?}", whole.errors);
        // In CLEAN, no string or line comment holds `/*` or `*/`.
        let in_comment =
            |at: usize| CLEAN[..at].matches("/*").count() > CLEAN[..at].matches("*/").count();
        for starts in cuts(CLEAN) {
            let pieces = lex_pieces(CLEAN, &starts);
            if starts.iter().any(|&at| in_comment(at)) {
                assert!(pieces.is_none(), "cut at {starts:?}");
            } else {
                let lexemes = pieces.map(|p| p.lexemes);
                assert_eq!(lexemes.as_ref(), Some(&whole.lexemes), "cut at {starts:?}");
            }
        }
    }

    #[test]
    fn a_cut_inside_a_block_comment_declines() {
        let src = "int a; /* one\n two */ int b;\nint c;\n";
        let lines = starts_of_lines(src);
        assert!(lex_pieces(src, &[0, lines[1]]).is_none());
        assert!(lex_pieces(src, &[0, lines[2]]).is_some());
    }

    /// A file with lexical errors is lexed whole, so its errors are those
    /// of one thread wherever the pieces would have been cut.
    #[test]
    fn a_lexical_error_anywhere_declines() {
        for starts in cuts(BROKEN) {
            assert!(lex_pieces(BROKEN, &starts).is_none(), "cut at {starts:?}");
        }
    }

    #[test]
    fn pieces_start_at_line_starts() {
        let src = "int a;\n".repeat(40_000);
        let starts = piece_starts(&src, 3);
        assert_eq!(starts.len(), 3, "{starts:?}");
        for &at in &starts[1..] {
            assert_eq!(src.as_bytes()[at - 1], b'\n');
        }
        assert_eq!(piece_starts("int a;\n", 4), vec![0]);
        assert_eq!(piece_starts(&"x".repeat(200_000), 4), vec![0]);
    }
}

//! The tokens of Own (LANGUAGE.md §2) and the keyword table.

use std::fmt;

/// One token. Identifiers and literals borrow their text from the source, so
/// lexing allocates nothing per token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token<'src> {
    Ident(&'src str),
    Int(&'src str),
    Float(&'src str),
    /// A string literal, quotes included (escapes are decoded by the parser).
    Str(&'src str),
    Kw(Kw),
    Punct(Punct),
    /// Stands for a group the lexer cut out (nesting too deep) or a run of
    /// characters it could not read; the error is already reported, and the
    /// parser accepts it silently wherever an expression or statement may be.
    Error,
}

macro_rules! keywords {
    ($($variant:ident => $text:literal,)*) => {
        /// Reserved words (case-sensitive).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Kw { $($variant,)* }

        impl Kw {
            pub fn from_word(s: &str) -> Option<Kw> {
                match s { $($text => Some(Kw::$variant),)* _ => None }
            }
            pub fn as_str(self) -> &'static str {
                match self { $(Kw::$variant => $text,)* }
            }
        }
    };
}

keywords! {
    Class => "class", Extends => "extends", Where => "where", Owns => "owns",
    Outlives => "outlives", Accesses => "accesses", Region => "region",
    Regionkind => "regionkind", Portal => "portal", Subregion => "subregion",
    Rref => "rref", Message => "message", Contract => "contract", State => "state",
    Initial => "initial", Final => "final", Main => "main", New => "new",
    Null => "null", This => "this", Heap => "heap", Immortal => "immortal",
    If => "if", Else => "else", While => "while", For => "for", Return => "return",
    Break => "break", Continue => "continue", Var => "var", Fork => "fork",
    Rtfork => "rtfork", Open => "open", Send => "send", Receive => "receive",
    Switch => "switch", Close => "close", Take => "take", Free => "free",
    Print => "print", Int => "int", Float => "float", Bool => "bool", Void => "void",
    True => "true", False => "false", Handle => "Handle", Chan => "chan",
    Lt => "LT", Vt => "VT", OwnerKw => "Owner", RegionKw => "Region", SharedKw => "Shared",
}

macro_rules! puncts {
    ($($variant:ident => $text:literal,)*) => {
        /// Operators and delimiters.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Punct { $($variant,)* }

        impl Punct {
            pub fn as_str(self) -> &'static str {
                match self { $(Punct::$variant => $text,)* }
            }
        }
    };
}

puncts! {
    LParen => "(", RParen => ")", LBrace => "{", RBrace => "}", LBracket => "[",
    RBracket => "]", Lt => "<", Gt => ">", Le => "<=", Ge => ">=", EqEq => "==",
    Ne => "!=", Assign => "=", PlusAssign => "+=", MinusAssign => "-=",
    StarAssign => "*=", SlashAssign => "/=", Plus => "+", Minus => "-", Star => "*",
    Slash => "/", Percent => "%", AndAnd => "&&", OrOr => "||", Bang => "!",
    Dot => ".", Comma => ",", Semi => ";", Colon => ":", Arrow => "->",
    FatArrow => "=>", Tilde => "~", At => "@", Question => "?",
}

impl Token<'_> {
    /// What the token is, without its text.
    pub fn kind(&self) -> Kind {
        match self {
            Token::Ident(_) => Kind::Ident,
            Token::Int(_) => Kind::Int,
            Token::Float(_) => Kind::Float,
            Token::Str(_) => Kind::Str,
            Token::Kw(k) => Kind::Kw(*k),
            Token::Punct(p) => Kind::Punct(*p),
            Token::Error => Kind::Error,
        }
    }
}

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Ident(s) | Token::Int(s) | Token::Float(s) | Token::Str(s) => {
                write!(f, "{s}")
            }
            Token::Kw(k) => f.write_str(k.as_str()),
            Token::Punct(p) => f.write_str(p.as_str()),
            Token::Error => f.write_str("<error>"),
        }
    }
}

/// What a token is, without its text. The lexer stores [`Lexeme`]s, and the
/// text of an identifier or a literal is read back from the source when
/// the parser needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Ident,
    Int,
    Float,
    Str,
    Kw(Kw),
    Punct(Punct),
    Error,
}

/// One token as the lexer stores it: its kind and its absolute byte
/// range. Twelve bytes, where a `(Token, Span)` pair takes forty: a file
/// has about six tokens a line, and they are all live, beside the tree
/// being built, while it is parsed, so their size is most of the parser's
/// peak memory (and of the page faults a cold `ownc check` pays for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lexeme {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
}

impl Lexeme {
    pub fn at(kind: Kind, span: crate::span::Span) -> Lexeme {
        Lexeme {
            kind,
            start: span.start,
            end: span.end,
        }
    }

    pub fn span(self) -> crate::span::Span {
        crate::span::Span {
            start: self.start,
            end: self.end,
            anchor: 0,
        }
    }

    /// The token, its text taken from `src`, the text it was lexed from.
    pub fn token(self, src: &str) -> Token<'_> {
        let text = || {
            src.get(self.start as usize..self.end as usize)
                .unwrap_or("")
        };
        match self.kind {
            Kind::Ident => Token::Ident(text()),
            Kind::Int => Token::Int(text()),
            Kind::Float => Token::Float(text()),
            Kind::Str => Token::Str(text()),
            Kind::Kw(k) => Token::Kw(k),
            Kind::Punct(p) => Token::Punct(p),
            Kind::Error => Token::Error,
        }
    }
}

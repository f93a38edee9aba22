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

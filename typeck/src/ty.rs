//! Resolved types: what a written type means once its names are looked up.
//! Classes point at their declaration and owners at what they denote, so the
//! ownership checker (E0201+) can substitute and compare them without
//! resolving names again.

use crate::ids::DeclKey;
use ownc_lang::ast::Name;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    Int,
    Float,
    Bool,
    Void,
    /// The type of `null`: it has every class, array and rref type.
    Null,
    /// A string literal (allowed only in `print`).
    Str,
    Class(ClassTy),
    /// `elem[]<o>`, or `prim[]` inside an rref (`owner: None`).
    Array {
        elem: Box<Ty>,
        owner: Option<OwnerRef>,
    },
    Handle(OwnerRef),
    Chan {
        contract: Name,
        dual: bool,
        state: Option<Name>,
    },
    /// Erroneous (its error is already reported) or beyond what name
    /// resolution computes (an arithmetic result, a received payload). Never
    /// reported on: nothing is known for sure about it.
    Unknown,
}

/// A class or rref class type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClassTy {
    /// The declaration the name resolved to.
    pub decl: DeclKey,
    pub name: Name,
    /// `None` when the owners were omitted (defaults and inference, §9) or
    /// the class is an rref class. Shared: a type is cloned at every use of
    /// a variable, and cloning must not allocate.
    pub owners: Option<Arc<[OwnerRef]>>,
}

impl Ty {
    /// The class type, if this is one.
    pub fn as_class(&self) -> Option<&ClassTy> {
        match self {
            Ty::Class(class) => Some(class),
            _ => None,
        }
    }
}

/// What an owner written in source denotes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OwnerRef {
    /// The `i`-th formal of the enclosing class.
    ClassFormal(u32),
    /// The `i`-th owner formal of the enclosing method.
    MethodFormal(u32),
    /// `this`: the current object, or in a region kind the region itself.
    This,
    Heap,
    Immortal,
    /// An enclosing `region` block (or entered subregion) by name. Region
    /// names cannot be redeclared inside each other (E0106), so the name is
    /// unambiguous within a body.
    Region(Name),
    /// An owner that is not in scope (E0102, already reported).
    Error,
}

impl Ty {
    /// The same type with every owner replaced by `f` of it.
    pub fn map_owners(&self, f: &dyn Fn(&OwnerRef) -> OwnerRef) -> Ty {
        match self {
            Ty::Class(class) => Ty::Class(ClassTy {
                decl: class.decl,
                name: class.name,
                owners: class.owners.as_ref().map(|owners| {
                    // The same owners again (a field of `this` seen from
                    // its own class): shared, not copied.
                    if owners.iter().all(|o| f(o) == *o) {
                        owners.clone()
                    } else {
                        owners.iter().map(f).collect()
                    }
                }),
            }),
            Ty::Array { elem, owner } => Ty::Array {
                elem: Box::new(elem.map_owners(f)),
                owner: owner.as_ref().map(f),
            },
            Ty::Handle(owner) => Ty::Handle(f(owner)),
            other => other.clone(),
        }
    }

    /// The type as a user writes it, owners named by `owner` (which knows
    /// the formals and regions of the code the type is shown for).
    pub fn display(&self, owner: &dyn Fn(&OwnerRef) -> String) -> String {
        match self {
            Ty::Int => "int".into(),
            Ty::Float => "float".into(),
            Ty::Bool => "bool".into(),
            Ty::Void => "void".into(),
            Ty::Null => "null".into(),
            Ty::Str => "string".into(),
            // Never in a mismatch (unknown types match anything); in a
            // signature shown whole, the part that did not resolve.
            Ty::Unknown => "_".into(),
            Ty::Class(class) => match &class.owners {
                Some(owners) if !owners.is_empty() => {
                    let owners: Vec<String> = owners.iter().map(owner).collect();
                    format!("{}<{}>", class.name, owners.join(", "))
                }
                _ => class.name.to_string(),
            },
            Ty::Array { elem, owner: o } => match o {
                Some(o) => format!("{}[]<{}>", elem.display(owner), owner(o)),
                None => format!("{}[]", elem.display(owner)),
            },
            Ty::Handle(o) => format!("Handle<{}>", owner(o)),
            Ty::Chan {
                contract,
                dual,
                state,
            } => {
                let tilde = if *dual { "~" } else { "" };
                match state {
                    Some(state) => format!("chan<{tilde}{contract}@{state}>"),
                    None => format!("chan<{tilde}{contract}>"),
                }
            }
        }
    }
}

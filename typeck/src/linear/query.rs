//! The check of the linear values of one body.

use super::lattice::Slot;
use super::walker::{closing, Walker};
use crate::db::Db;
use crate::facts::BodyFacts;
use crate::ids::BodyKey;
use crate::items::ItemIndex;
use crate::rref_fields::is_rref;
use crate::signature::{class_signature, MemberSig};
use crate::syntax::BodySyntax;
use crate::ty::Ty;
use ownc_lang::Diagnostic;

/// The rref and endpoint diagnostics of one method, constructor or `main`
/// body: use after move (E0601), contract states (E0703), `switch
/// receive` coverage (E0704), `close` and leaks (E0705).
///
/// It walks the body's block (`syntax`) over the facts its resolution
/// recorded (variable types, uses, callees); part of the per-body query
/// [`crate::check_body`].
pub fn linear_diagnostics(
    db: &dyn Db,
    body: BodyKey<'_>,
    syntax: &BodySyntax,
    facts: &BodyFacts,
) -> Vec<Diagnostic> {
    if !follows_anything(facts) {
        return Vec::new();
    }
    let (params, ret) = match body.member {
        None => (&[][..], Ty::Void),
        Some(member) => match class_signature(db, body.item).members.get(member as usize) {
            Some(MemberSig::Method(sig)) => (&sig.params[..], sig.ret.clone()),
            Some(MemberSig::Constructor(sig)) => (&sig.params[..], Ty::Void),
            Some(MemberSig::Field(_)) | None => return Vec::new(),
        },
    };
    let mut walker = Walker::new(db, body.program(db), facts, ret);
    walker.cutoff = syntax.first_syntax_error;
    // Parameters: in the state their type names (§11 "method boundaries").
    for param in params {
        if let Some(kind) = walker.linear_of(&param.ty) {
            let state = walker.state_of_type(&param.ty);
            let name = &param.name;
            walker.declare(name.span.start, name.name, kind, Slot::Live(state));
        }
    }
    walker.block_in_scope(&syntax.block);
    // Parameters go out of scope with the body's locals, at its closing
    // brace: one scope, so what leaks there is one diagnostic.
    walker.pop_scope(closing(syntax.block.span));
    let mut diagnostics = walker.diagnostics;
    // After a syntax error, a statement may be missing (a `close`, a
    // declaration): what follows is not reported, as in name resolution.
    if let Some(first) = syntax.first_syntax_error {
        diagnostics.retain(|d| d.span().start < first);
    }
    diagnostics
}

/// Whether the walk could meet a linear value at all. Every value it
/// follows comes from a variable of a linear type (a parameter, a local, a
/// binding: each has a fact, and one without, a repeated name, is not
/// declared by the walk either), a call or `new` whose result is linear, a
/// channel `open`ed (its endpoints are followed whatever their resolved
/// type), a message received (its payload) or an rref read from a field or
/// portal (which must be moved out by `take`); without any of them every
/// operand is [`Value::Other`](super::walker::Value::Other), nothing is
/// declared, and nothing can be reported. Most bodies hold none: this look
/// at the facts saves them the walk, and the signature lookup before it.
fn follows_anything(facts: &BodyFacts) -> bool {
    facts.opens_or_receives || facts.linear_values || !facts.rref_reads.is_empty()
}

/// Whether a variable or a call of `facts` may hold a linear value (see
/// [`BodyFacts::linear_values`], which resolution sets from this).
pub(crate) fn holds_linear(index: &ItemIndex, facts: &BodyFacts) -> bool {
    facts.vars.iter().any(|v| maybe_linear(index, &v.ty))
        || facts.calls.iter().any(|c| maybe_linear(index, &c.ret))
}

/// Whether [`Walker::linear_of`] may find `ty` linear: an endpoint, an
/// array without an owner, or a class that is not surely an ordinary one
/// (the item index knows each class's `rref` as its signature does).
fn maybe_linear(index: &ItemIndex, ty: &Ty) -> bool {
    match ty {
        Ty::Chan { .. } | Ty::Array { owner: None, .. } => true,
        Ty::Class(class) => is_rref(index, class) != Some(false),
        _ => false,
    }
}

//! The per-body check that runs both walks: definite assignment (E0112) in
//! every body, missing returns (E0111) in methods with a return value.

use super::assign::unassigned_reads;
use super::complete::block_completes;
use super::errors;
use crate::db::Db;
use crate::facts::BodyFacts;
use crate::ids::BodyKey;
use crate::syntax::{item_outline, BodySyntax};
use ownc_lang::ast::{Item, Member};
use ownc_lang::{Diagnostic, Span};

/// E0111 and E0112 in one method, constructor or `main` body, whose block
/// is `syntax` and whose resolution recorded `facts`. Part of the per-body
/// query [`crate::check_body`].
pub fn definite_diagnostics(
    db: &dyn Db,
    body: BodyKey<'_>,
    syntax: &BodySyntax,
    facts: &BodyFacts,
) -> Vec<Diagnostic> {
    // Without a local that may be read unassigned, no read is E0112.
    let mut out = if facts.may_read_unassigned {
        unassigned_reads(facts, &syntax.block, syntax.first_syntax_error)
    } else {
        Vec::new()
    };
    let needs_return = syntax.first_syntax_error.is_none() && facts.returns_value;
    if needs_return && block_completes(&syntax.block) {
        out.extend(missing_return(db, body, syntax.block.span));
    }
    out
}

/// E0111 at the method's name, with the body's closing brace (where control
/// falls off) and the written return type from the class outline.
fn missing_return(db: &dyn Db, body: BodyKey<'_>, block: Span) -> Option<Diagnostic> {
    let member = body.member?;
    let outline = item_outline(db, body.item)?;
    let Item::Class(class) = &outline.item else {
        return None;
    };
    let Some(Member::Method(method)) = class.members.get(member as usize) else {
        return None;
    };
    let closing_brace = block.with_range(block.end.saturating_sub(1), block.end);
    Some(errors::missing_return(
        &method.name,
        closing_brace,
        method.ret.span,
    ))
}

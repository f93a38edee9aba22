//! Buffers one body's check lends to the next on the same thread: the
//! lists of its [`BodyFacts`], the stack of its variables in scope and its
//! class's owner environment.
//!
//! Why: a body's check needs them only while it runs (the facts never
//! leave [`crate::check_body`]), and bodies are small, so allocating them
//! for each body and freeing them after, with room for what the body may
//! record, was a tenth of the setup cost of a body's check. Kept per
//! thread, the buffers need no lock, and checks on other threads (or a
//! check that unwinds on cancellation and never gives its buffers back)
//! just allocate their own.

use crate::facts::BodyFacts;
use crate::scope::VarScopes;
use crate::signature::ClassSignature;
use crate::wf::WfEnv;
use ownc_lang::Span;
use std::cell::RefCell;

/// Buffers whose capacity exceeds this many elements are freed rather
/// than kept: one huge body should not pin its memory for the rest of the
/// thread's life.
const KEEP_AT_MOST: usize = 1 << 16;

#[derive(Default)]
struct Spare {
    facts: Option<BodyFacts>,
    vars: Option<VarScopes>,
    wf: Option<WfEnv>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// Empty facts, with room for `vars` variables, `uses` uses and `calls`
/// calls: the last body's lists when this thread gave them back.
pub(crate) fn facts(vars: usize, uses: usize, calls: usize) -> BodyFacts {
    let spare = SPARE.try_with(|s| s.borrow_mut().facts.take()).ok();
    let mut facts = spare.flatten().unwrap_or_default();
    facts.vars.reserve(vars);
    facts.uses.reserve(uses);
    facts.calls.reserve(calls);
    facts
}

/// Gives `facts`' lists back for the next body on this thread.
pub(crate) fn recycle_facts(mut facts: BodyFacts) {
    let largest = facts
        .vars
        .capacity()
        .max(facts.uses.capacity())
        .max(facts.calls.capacity())
        .max(facts.rref_reads.capacity());
    if largest > KEEP_AT_MOST {
        return;
    }
    facts.clear();
    let _ = SPARE.try_with(|s| s.borrow_mut().facts = Some(facts));
}

/// An empty stack of variables with room for `vars`, as [`facts`].
pub(crate) fn var_scopes(vars: usize) -> VarScopes {
    let spare = SPARE.try_with(|s| s.borrow_mut().vars.take()).ok();
    match spare.flatten() {
        Some(mut scopes) => {
            scopes.reserve(vars);
            scopes
        }
        None => VarScopes::with_capacity(vars),
    }
}

/// Gives a stack of variables back, as [`recycle_facts`].
pub(crate) fn recycle_var_scopes(mut scopes: VarScopes) {
    if scopes.capacity() > KEEP_AT_MOST {
        return;
    }
    scopes.reset();
    let _ = SPARE.try_with(|s| s.borrow_mut().vars = Some(scopes));
}

/// The environment of `class`'s bodies, as [`WfEnv::for_class`] builds it.
pub(crate) fn class_env(class: &ClassSignature, this_origin: Span) -> WfEnv {
    let spare = SPARE.try_with(|s| s.borrow_mut().wf.take()).ok();
    match spare.flatten() {
        Some(mut env) => {
            env.reset_for_class(class, this_origin);
            env
        }
        None => WfEnv::for_class(class, this_origin),
    }
}

/// Gives an environment back, as [`recycle_facts`].
pub(crate) fn recycle_class_env(env: WfEnv) {
    let _ = SPARE.try_with(|s| s.borrow_mut().wf = Some(env));
}

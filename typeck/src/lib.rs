//! The salsa database of `ownc` and its checking queries.
//!
//! Architecture invariants:
//! - Files are inputs; [`file_chunks`] cuts a file's text into chunks (one
//!   declaration each), [`parse_chunk`] parses one, [`parse_file`] puts a
//!   file together from them (or parses it whole when one has a syntax
//!   error), and only the projections of `syntax.rs` read the tree. Every
//!   other query reads one declaration's outline or one body's block, so an
//!   edit re-runs only the queries of what it touched.
//! - Queries return their diagnostics (no accumulators) with anchored spans
//!   (relative to a declaration or member, see `ownc_lang::anchor`);
//!   [`check_file`] gathers them per file and makes them absolute.
//! - No query calls a query of the same kind for another key (a signature
//!   never needs another signature), so no input can make a query cycle.
//! - Nothing here does IO or renders text: diagnostics are data.
//!
//! Per body, one walk ([`resolve_body`]) resolves names (E0101–E0108), types
//! every expression with owner substitution and §9 inference (E0109,
//! E0110, E0203, E0207, E0202 and E0206 at calls), and checks handles
//! (E0301), effects (E0401), heap-free code and threads (E0402, E0403) and
//! portals (E0501, E0502); the flow checkers then walk the block again
//! with its [`BodyFacts`]: [`definite_diagnostics`] (E0111, E0112) and
//! [`linear_diagnostics`] (rref and endpoint flow, E0601, E0703–E0705),
//! each only when the facts show it something to find (a local that may
//! be read unassigned, a value that may be linear): most bodies need
//! neither walk.
//! Per class: well-formed types, overriding, rref and endpoint fields. Per
//! contract: E0701, E0702, E0706.
//!
//! Queries, from the bottom: [`file_chunks`] (per file), [`parse_chunk`]
//! (per chunk), [`parse_file`] (per file), [`file_items`] and
//! [`item_index`] (each file's and the program's top-level names),
//! [`chunk_nodes`] (per chunk: every declaration's outline and every body's
//! block as fields of tracked structs, read through [`item_outline`] and
//! [`BodyNode`]: the firewall of incrementality) listed per file by
//! [`file_nodes`], [`class_signature`] (per
//! class), [`message_signature`] and [`region_kind_signature`] (per
//! message and region kind), [`declaration_diagnostics`] (per region kind,
//! message, contract), [`contract_diagnostics`] (per contract),
//! [`item_diagnostics`] (per class and region kind: [`class_wf_diagnostics`],
//! [`rref_field_diagnostics`] (E0603), [`endpoint_storage_diagnostics`]
//! (E0707)), [`check_body`] (per method, constructor and `main`: the three
//! body walks above); on top, one query per file gathers them. After an
//! edit salsa verifies every memo before it answers from it, so checks of
//! the same key share one query instead of a memo each.
//!
//! Decisions where LANGUAGE.md is silent (as a Java/Rust user would expect):
//! - Mistakes are reported once: an erroneous type becomes [`Ty::Unknown`]
//!   and nothing is reported about it again; a member is reported missing
//!   only when the receiver's class and its superclasses are
//!   known and no member of theirs was lost to a syntax error; after the
//!   first syntax error in a body, unknown variables used later in it that
//!   a broken statement writes are not reported (the declaration may be
//!   what did not parse), nor are names whose declaration did not parse.
//! - Fields and methods live in separate namespaces (as in Java); methods
//!   are not overloaded (two methods of one name in a class: E0106); a
//!   field may hide an inherited one; a local may shadow a field but not a
//!   local or parameter in scope (E0106); a region name is a variable (its
//!   handle) and follows the same rule.
//! - A method's owner formals may shadow the class's formals, and a region
//!   name may shadow a formal (inner owners win), as type parameters do in
//!   Java.
//! - A superclass's owners are written out (`extends A` for a class with
//!   formals is E0103), and explicit owner arguments of a call must match the
//!   method's formals in number (E0103).
//! - `this` as a value in `main` is E0107; as an owner there, E0102.
//! - A call without receiver looks for a method of the enclosing class
//!   first, then a built-in (`sqrt abs min max`).
//! - Constructors are not inherited; a class without one is built with no
//!   arguments. A constructor not named after its class is E0001 (a method
//!   without a return type).
//! - Unknown names of region kinds, messages and contracts are E0101 like
//!   unknown classes; a name of the wrong sort (`message Req` used as a
//!   class) too. The contract rules proper (one initial state, declared
//!   target states, E0701, E0702, E0706) are [`contract_diagnostics`]'s, a
//!   query per contract (`contracts/`); the channel rules of bodies
//!   (E0703–E0705, E0707) are the channel checker's (`linear/`).
//! - Message payload types may name only `heap` and `immortal` as owners.

mod body_check;
mod broken_order;
mod check;
mod contracts;
mod cycles;
mod db;
mod definite;
mod effects;
mod errors;
mod facts;
mod handles;
mod ids;
mod item_check;
mod items;
mod linear;
mod maps;
mod members;
mod messages;
mod override_errors;
mod overrides;
mod parallel;
mod portals;
mod region_kinds;
mod resolve_call;
mod resolve_decl;
mod resolve_expr;
mod resolve_stmt;
mod resolve_type;
mod rref_field_errors;
mod rref_fields;
mod scope;
mod scratch;
mod signature;
mod subst;
mod subtype;
mod suggest;
mod syntax;
mod thread_errors;
mod threads;
mod ty;
mod type_errors;
mod wf;
mod wf_errors;

#[cfg(test)]
mod tests;

pub use body_check::check_body;
pub use check::{check_file, check_program, FileDiagnostics};
pub use contracts::{
    check_contract, contract_diagnostics, find_contract, render_dot, ContractError, ContractLookup,
    Witness,
};
pub use db::{file_chunks, parse_chunk, parse_file, Chunk, Database, Db, Program, SourceFile};
pub use definite::definite_diagnostics;
pub use facts::{BodyFacts, CallFact, VarFact};
pub use ids::{BodyKey, DeclKey, ItemId};
pub use item_check::item_diagnostics;
pub use items::{file_items, item_index, DuplicateItem, FileItems, ItemEntry, ItemIndex, ItemKind};
pub use linear::{endpoint_storage_diagnostics, linear_diagnostics};
pub use messages::{message_signature, MessageSignature};
pub use parallel::check_program_parallel;
pub use region_kinds::{region_kind_signature, RegionKindSignature};
pub use resolve_decl::declaration_diagnostics;
pub use resolve_stmt::{resolve_body, BodyResolution};
pub use rref_fields::rref_field_diagnostics;
pub use scope::VarKind;
pub use signature::{
    class_signature, AccessSig, ClassSignature, FieldSig, FormalSig, MemberSig, MethodSig,
    ParamSig, Superclass, WhereSig,
};
pub use syntax::{
    body_block, body_node, chunk_nodes, file_nodes, item_outline, BodyNode, BodySyntax, FileNodes,
    ItemNode,
};
pub use ty::{ClassTy, OwnerRef, Ty};
pub use wf::class_wf_diagnostics;

//! Endpoint operations (§11): `open`, `send`, `receive`, `switch receive`
//! and `close`, each checked against the endpoint's contract state.
//!
//! An operation that is not allowed is reported once (E0703) and leaves the
//! state unchanged; an endpoint in an unknown state (after an earlier
//! error) accepts everything silently. Operands that are not variables
//! (an endpoint returned by a call) are checked as far as their type says.

use super::errors::{self, Leak};
use super::exprs::beyond;
use super::flow::VarIx;
use super::lattice::{Exit, Slot};
use super::protocol::item_named;
use super::walker::{closing, keyword, Linear, Side, Value, Walker};
use crate::items::ItemKind;
use ownc_lang::ast::{
    CloseStmt, Expr, ExprKind, Ident, Name, OpenStmt, SendStmt, SwitchReceiveStmt,
};
use ownc_lang::Span;

/// An endpoint operand: the variable (if it is one), its side and state.
struct Endpoint {
    var: Option<VarIx>,
    side: Side,
    state: Option<u32>,
}

impl Walker<'_, '_> {
    /// The endpoint an operand evaluated to, if it is one.
    fn endpoint(&mut self, value: &Value) -> Option<Endpoint> {
        match value {
            Value::Var(var, _) => Some(Endpoint {
                var: Some(*var),
                side: self.side(*var)?,
                state: self.flow.get(*var).slot.state(),
            }),
            Value::Endpoint(side, state) => Some(Endpoint {
                var: None,
                side: side.clone(),
                state: *state,
            }),
            Value::Rref | Value::Held(..) | Value::Other => None,
        }
    }

    /// How diagnostics name an endpoint operand.
    fn endpoint_name(&self, ep: &Endpoint) -> String {
        match ep.var {
            Some(var) => self.name(var).to_string(),
            None => "the endpoint".to_string(),
        }
    }

    /// `var (a, b) = open C;`: both sides in the initial state.
    pub fn open(&mut self, open: &OpenStmt) {
        let initial = self.protocol(&open.contract.name).and_then(|p| p.initial);
        for (ident, dual) in [(&open.first, false), (&open.second, true)] {
            let side = Side {
                contract: open.contract.name,
                dual,
            };
            self.declare(
                ident.span.start,
                ident.name,
                Linear::Endpoint(side),
                Slot::Live(initial),
            );
        }
    }

    /// The state after `endpoint` sends (or receives) `message`, or E0703
    /// at `at` and the state unchanged; and whether it was allowed.
    fn transition(
        &mut self,
        ep: &Endpoint,
        sending: bool,
        message: &Ident,
        at: Span,
    ) -> (Option<u32>, bool) {
        let Some(state) = ep.state else {
            return (None, true);
        };
        let Some(protocol) = self.protocol(&ep.side.contract) else {
            return (None, true);
        };
        // An undeclared message is E0101 alone: what was meant, and so the
        // state after it, is unknown.
        if self.payload(&message.name).is_none() {
            return (None, true);
        }
        let direction = ep.side.direction(sending);
        if let Some(next) = protocol.step(state, direction, &message.name) {
            return (next, true);
        }
        let allowed: Vec<_> = protocol.messages(state, direction).collect();
        let name = self.endpoint_name(ep);
        self.report(errors::not_allowed(
            at,
            &name,
            sending,
            &message.name,
            protocol.name(state),
            &allowed,
        ));
        (Some(state), false)
    }

    /// `send(e, M(args));`. The endpoint may travel in its own message
    /// (`send(c, Stop(c))`): it moves after the send, in the state the send
    /// leaves it in, which the payload type must name.
    pub fn send(&mut self, send: &SendStmt, at: Span) {
        self.forget_if_unknown(&send.endpoint);
        let target = self.operand(&send.endpoint);
        let ep = self.endpoint(&target);
        let (after, allowed) = match &ep {
            Some(ep) => self.transition(ep, true, &send.message, keyword(at, 4)),
            None => (None, true),
        };
        let known = self.payload(&send.message.name);
        let payload = known.unwrap_or_default();
        let own = ep.as_ref().and_then(|ep| ep.var);
        let mut travels: Option<(Span, usize)> = None;
        for (i, arg) in send.args.iter().enumerate() {
            if beyond(known, i) {
                // The endpoint itself (`send(c, Bye(c))` for a `Bye`
                // without payload) is still the one sent on.
                let is_own = own.is_some() && self.var_at(arg.span.start) == own;
                if !is_own {
                    self.extra_argument(arg);
                }
                continue;
            }
            let value = self.operand(arg);
            match (value, travels) {
                (Value::Var(var, span), None) if Some(var) == own => travels = Some((span, i)),
                // The endpoint already travels in this message (`Two(c, c)`).
                (Value::Var(var, span), Some((first, _))) if Some(var) == own => {
                    let name = self.name(var);
                    let exit = Exit {
                        span: first,
                        closed: false,
                    };
                    self.report(errors::use_after_move(&name, span, exit, false));
                }
                (value, _) => {
                    let _ = self.consume(value, payload.get(i), arg.span);
                }
            }
        }
        let Some(ep) = ep else { return };
        let Some(var) = own else {
            // A call's result: nothing holds it after the send.
            if allowed {
                self.dropped(&ep.side, after, at);
            }
            return;
        };
        // A payload that moved the endpoint (`send(c, M(f(c)))`) leaves
        // nothing to send on: E0601, and its state is then unknown.
        if !self.flow.get(var).slot.is_live() {
            self.use_again(&send.endpoint);
            if travels.is_none() {
                return;
            }
        }
        match travels {
            Some((span, i)) => {
                // A rejected send is its one error: no payload check.
                if let (Some(ty), true) = (payload.get(i), allowed) {
                    let name = self.name(var);
                    let _ = self.expect_state(&name, &ep.side, after, ty, span);
                }
                self.move_var(var, span, false);
            }
            None => self.flow.set(var, Slot::Live(after)),
        }
    }

    /// `receive(e, M)`: the payload of the one message expected.
    pub fn receive(&mut self, endpoint: &Expr, message: &Ident, at: Span) -> Value {
        self.forget_if_unknown(endpoint);
        let target = self.operand(endpoint);
        if let Some(ep) = self.endpoint(&target) {
            let (after, allowed) = self.transition(&ep, false, message, at);
            match ep.var {
                Some(var) => self.flow.set(var, Slot::Live(after)),
                // A call's result: nothing holds it after the receive.
                None if allowed => self.dropped(&ep.side, after, at),
                None => {}
            }
        }
        match self.payload(&message.name) {
            Some([ty]) => self.value_of_type(ty),
            _ => Value::Other,
        }
    }

    /// E0705 at `at` for an endpoint that no variable holds (a call's
    /// result, sent or received on) in `state`, when known: it is dropped
    /// there, as an expression statement's endpoint is.
    fn dropped(&mut self, side: &Side, state: Option<u32>, at: Span) {
        if let Some(state) = state {
            let state = self.state_name(side, state);
            self.report(errors::leak(at, &[(String::new(), state)], Leak::Dropped));
        }
    }

    /// `switch receive (e) { M(x, …) => { … } … }`: every message the state
    /// can receive needs an arm (E0704); each arm runs from the state after
    /// its message, with its bindings in the payload's types; the arms
    /// that complete must agree (E0703).
    pub fn switch_receive(&mut self, switch: &SwitchReceiveStmt, at: Span) {
        let construct = keyword(at, 6);
        self.forget_if_unknown(&switch.endpoint);
        let target = self.operand(&switch.endpoint);
        let ep = self.endpoint(&target);
        let covered = match &ep {
            Some(ep) => self.check_coverage(ep, switch, construct),
            None => true,
        };
        // A state that receives nothing makes the whole `switch receive`
        // one mistake: one E0703 here, none per arm.
        let deaf = match &ep {
            Some(ep) if !switch.arms.is_empty() => self.receives_nothing(ep, construct),
            _ => false,
        };
        // A call's result: nothing holds it after the arm's message.
        if let (Some(ep @ Endpoint { var: None, .. }), false) = (&ep, deaf) {
            self.dropped(&ep.side, ep.state, construct);
        }
        let mark = self.flow.mark();
        let mut paths = Vec::new();
        for arm in &switch.arms {
            self.flow.reset(mark);
            self.reachable = true;
            self.push_scope();
            if let (Some(ep), false) = (&ep, deaf) {
                let (after, allowed) = self.transition(ep, false, &arm.message, arm.message.span);
                // An arm for a message that cannot arrive is its one error:
                // its endpoint's state is unknown, so its end joins silently.
                if let Some(var) = ep.var {
                    self.flow.set(var, Slot::Live(after.filter(|_| allowed)));
                }
            }
            let payload = self.payload(&arm.message.name).unwrap_or_default();
            for (i, binding) in arm.bindings.iter().enumerate() {
                let Some(ty) = payload.get(i) else { continue };
                if let Some(kind) = self.linear_of(ty) {
                    let state = self.state_of_type(ty);
                    self.declare(binding.span.start, binding.name, kind, Slot::Live(state));
                }
            }
            // The bindings and the arm's locals leave scope together.
            self.block_in_scope(&arm.body);
            self.pop_scope(closing(arm.body.span));
            paths.extend(self.path_end(mark, closing(arm.body.span)));
        }
        self.flow.close(mark);
        self.reachable = true;
        if !switch.arms.is_empty() {
            self.join(&paths, construct, "`switch receive`");
        }
        // After an E0704 the state is unknown: the missing message's arm
        // would decide it (no cascade).
        if let (false, Some(var), true) = (covered, ep.and_then(|e| e.var), self.reachable) {
            if self.flow.get(var).slot.is_live() {
                self.flow.set(var, Slot::Live(None));
            }
        }
    }

    /// E0703 at `at` when `ep`'s state is known and can receive no message
    /// at all (it sends, or it is final with no transition); true then, and
    /// the endpoint's state becomes unknown (each arm's error would be the
    /// same mistake again).
    fn receives_nothing(&mut self, ep: &Endpoint, at: Span) -> bool {
        let Some(state) = ep.state else { return false };
        let Some(protocol) = self.protocol(&ep.side.contract) else {
            return false;
        };
        let direction = ep.side.direction(false);
        if protocol.messages(state, direction).next().is_some() {
            return false;
        }
        let sends: Vec<_> = protocol.messages(state, ep.side.direction(true)).collect();
        let name = self.endpoint_name(ep);
        self.report(errors::receives_nothing(
            at,
            &name,
            protocol.name(state),
            &sends,
        ));
        if let Some(var) = ep.var {
            self.flow.set(var, Slot::Live(None));
        }
        true
    }

    /// E0704 for the messages `ep`'s state can receive that no arm names;
    /// false then.
    fn check_coverage(&mut self, ep: &Endpoint, switch: &SwitchReceiveStmt, at: Span) -> bool {
        let Some(state) = ep.state else { return true };
        // An arm naming an undeclared message (E0101) may be the missing
        // one misspelt: no E0704 then, and the state after is unknown.
        if switch
            .arms
            .iter()
            .any(|arm| self.payload(&arm.message.name).is_none())
        {
            return false;
        }
        let Some(protocol) = self.protocol(&ep.side.contract) else {
            return true;
        };
        let missing: Vec<_> = protocol
            .messages(state, ep.side.direction(false))
            .filter(|m| !switch.arms.iter().any(|arm| arm.message.name == **m))
            .collect();
        if missing.is_empty() {
            return true;
        }
        let name = self.endpoint_name(ep);
        self.report(errors::missing_arms(
            at,
            &name,
            protocol.name(state),
            &missing,
        ));
        false
    }

    /// `close(e, f);`: one endpoint of each side, in one final state
    /// (E0705, one diagnostic); both are consumed even when rejected.
    pub fn close(&mut self, close: &CloseStmt, at: Span) {
        self.forget_if_unknown(&close.first);
        self.forget_if_unknown(&close.second);
        let again = self.closed_together(&close.first, &close.second);
        let first = self.operand(&close.first);
        if let Some(second) = again {
            self.flow.set(second, Slot::Live(None));
        }
        let second = self.operand(&close.second);
        // The second operand may have moved the first (`close(c, f(c))`).
        if let Value::Var(var, _) = first {
            if !self.flow.get(var).slot.is_live() {
                self.use_again(&close.first);
            }
        }
        let (a, b) = (self.endpoint(&first), self.endpoint(&second));
        let why = match (&a, &b) {
            (Some(a), Some(b)) => self.close_problem(a, b),
            _ => None,
        };
        if let Some(why) = why {
            self.report(errors::bad_close(keyword(at, 5), why));
        }
        if let (Some(a), Some(b)) = (&a, &b) {
            if a.var.is_some() && a.var == b.var {
                self.forget_peers(&a.side);
            }
        }
        let exit = Exit {
            span: keyword(at, 5),
            closed: true,
        };
        // Only endpoints are consumed: an operand of another type is a
        // type error (E0110), and an rref there keeps its value.
        for value in [first, second] {
            if let Value::Var(var, _) = value {
                if self.side(var).is_some() {
                    self.flow.set(var, Slot::Gone(Some(exit)));
                }
            }
        }
    }

    /// `close(e, f)` written again after one `close` (on some path) closed
    /// both `e` and `f`: closing a channel twice is one mistake, so only
    /// the first operand is E0601; the second operand's variable, returned.
    fn closed_together(&self, first: &Expr, second: &Expr) -> Option<VarIx> {
        let var = |expr: &Expr| match expr.kind {
            ExprKind::Name(_) => self.var_at(expr.span.start),
            _ => None,
        };
        let exit = |var: VarIx| match self.flow.get(var).slot {
            Slot::Gone(Some(exit)) | Slot::Maybe(Some(exit)) if exit.closed => Some(exit),
            _ => None,
        };
        let (a, b) = (var(first)?, var(second)?);
        (a != b && exit(a).is_some() && exit(a) == exit(b)).then_some(b)
    }

    /// `close(d, d)` (E0705 at the close) was meant to close `d` with an
    /// endpoint of the other side of its contract, but names `d` twice:
    /// every such endpoint whose state is known is then in an unknown
    /// state, so the peer left open draws no E0705 at its scope end (one
    /// mistake, one error). Endpoints of other contracts or of `d`'s own
    /// side could not have been meant and are still followed.
    fn forget_peers(&mut self, closed: &Side) {
        for var in 0..self.vars.len() {
            let Ok(var) = VarIx::try_from(var) else { break };
            let peer = matches!(self.side(var), Some(side)
                if side.contract == closed.contract && side.dual != closed.dual);
            if peer && matches!(self.flow.get(var).slot, Slot::Live(Some(_))) {
                self.flow.set(var, Slot::Live(None));
            }
        }
    }

    /// An endpoint operand that is a name of no variable (E0107, a
    /// misspelt `send(sv, …)`) may have meant any endpoint in scope: every
    /// endpoint whose state is known is then in an unknown state, so that
    /// the operation missing from the intended one's path draws no E0703
    /// or E0705 later (one mistake, one error).
    fn forget_if_unknown(&mut self, operand: &Expr) {
        if !matches!(operand.kind, ExprKind::Name(_))
            || self.facts.use_at(operand.span.start).is_some()
        {
            return;
        }
        for var in 0..self.vars.len() {
            let Ok(var) = VarIx::try_from(var) else { break };
            let endpoint = matches!(self.vars.get(var as usize), Some(v) if matches!(v.kind, Linear::Endpoint(_)));
            if endpoint && matches!(self.flow.get(var).slot, Slot::Live(Some(_))) {
                self.flow.set(var, Slot::Live(None));
            }
        }
    }

    /// Whether `contract` names a declared contract.
    fn declared_contract(&self, contract: &Name) -> bool {
        item_named(self.db, self.program, contract, |k| {
            *k == ItemKind::Contract
        })
        .is_some()
    }

    /// Why `close(a, b)` is wrong, if it is and the states are known.
    fn close_problem(&mut self, a: &Endpoint, b: &Endpoint) -> Option<String> {
        if a.var.is_some() && a.var == b.var {
            return Some("both operands are the same endpoint".into());
        }
        // An endpoint of an undeclared contract (`open Pipx`, E0101) could
        // be of the other's contract and side: nothing more is known.
        if !self.declared_contract(&a.side.contract) || !self.declared_contract(&b.side.contract) {
            return None;
        }
        if a.side.contract != b.side.contract {
            return Some(format!(
                "the endpoints follow different contracts, `{}` and `{}`",
                a.side.contract, b.side.contract
            ));
        }
        if a.side.dual == b.side.dual {
            let side = if a.side.dual { "~" } else { "" };
            return Some(format!(
                "both endpoints are on the `{side}{}` side",
                a.side.contract
            ));
        }
        let (sa, sb) = (a.state?, b.state?);
        let protocol = self.protocol(&a.side.contract)?;
        if sa != sb {
            return Some(format!(
                "the endpoints are in different states, `{}` and `{}`",
                protocol.name(sa),
                protocol.name(sb)
            ));
        }
        if !protocol.is_final(sa) {
            return Some(format!("`{}` is not a final state", protocol.name(sa)));
        }
        None
    }
}

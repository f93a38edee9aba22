//! Scopes: which owners a piece of code may name (LANGUAGE.md §4 "Owners in
//! scope") and which variables a body may read. Both are plain data that
//! later phases (ownership, effects, typestate) can rebuild and extend.

use crate::ty::{OwnerRef, Ty};
use ownc_lang::ast::Name;
use ownc_lang::Span;

/// Where owners are being resolved: decides whether `this` is an owner and
/// how an error explains what is in scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerContext {
    /// A class's header, fields, signatures and bodies.
    Class,
    /// A region kind: `this` is the region itself.
    RegionKind,
    /// A message payload: only `heap` and `immortal` (a message has no
    /// formals and no current object).
    Message,
    /// The `main` block.
    Main,
}

/// The owners in scope at one point.
#[derive(Clone, Debug)]
pub struct OwnerScope {
    context: OwnerContext,
    class_formals: Vec<Name>,
    method_formals: Vec<Name>,
    /// Enclosing region blocks, innermost last.
    regions: Vec<Name>,
}

/// Why an owner did not resolve.
pub enum OwnerMiss {
    /// `this` where there is no current object or region.
    This,
    /// A name that no formal or enclosing region declares.
    Name,
}

impl OwnerScope {
    pub fn new(context: OwnerContext, class_formals: Vec<Name>) -> OwnerScope {
        OwnerScope {
            context,
            class_formals,
            method_formals: Vec::new(),
            regions: Vec::new(),
        }
    }

    pub fn context(&self) -> OwnerContext {
        self.context
    }

    /// The scope inside a method with owner formals `formals` (none: the
    /// class's scope again).
    pub fn set_method_formals(&mut self, formals: Vec<Name>) {
        self.method_formals = formals;
    }

    /// Enters a `region` block (or subregion) named `name`.
    pub fn push_region(&mut self, name: Name) {
        self.regions.push(name);
    }

    pub fn pop_region(&mut self) {
        self.regions.pop();
    }

    /// `this` is an owner in a class (the current object) and in a region
    /// kind (the region); not in `main` nor in a message.
    pub fn has_this(&self) -> bool {
        matches!(self.context, OwnerContext::Class | OwnerContext::RegionKind)
    }

    /// Resolves `this`.
    pub fn this(&self) -> Result<OwnerRef, OwnerMiss> {
        if self.has_this() {
            Ok(OwnerRef::This)
        } else {
            Err(OwnerMiss::This)
        }
    }

    /// Resolves an owner name; inner declarations shadow outer ones
    /// (regions, then method formals, then class formals).
    pub fn name(&self, name: &str) -> Result<OwnerRef, OwnerMiss> {
        if let Some(region) = self.regions.iter().rev().find(|r| r.as_str() == name) {
            return Ok(OwnerRef::Region(*region));
        }
        if let Some(i) = self.method_formals.iter().position(|f| f == name) {
            return Ok(OwnerRef::MethodFormal(index(i)));
        }
        if let Some(i) = self.class_formals.iter().position(|f| f == name) {
            return Ok(OwnerRef::ClassFormal(index(i)));
        }
        Err(OwnerMiss::Name)
    }

    /// The names a user may write here, for "owners in scope" notes and
    /// suggestions: declared names innermost first, then the keywords.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .regions
            .iter()
            .rev()
            .chain(&self.method_formals)
            .chain(&self.class_formals)
            .map(|n| n.to_string())
            .collect();
        if self.has_this() {
            names.push("this".into());
        }
        names.push("heap".into());
        names.push("immortal".into());
        names
    }

    /// How the program names a resolved owner here.
    pub fn describe(&self, owner: &OwnerRef) -> String {
        let pick = |names: &[Name], i: u32| {
            names
                .get(i as usize)
                .map_or_else(|| "?".to_string(), |n| n.to_string())
        };
        match owner {
            OwnerRef::ClassFormal(i) => pick(&self.class_formals, *i),
            OwnerRef::MethodFormal(i) => pick(&self.method_formals, *i),
            OwnerRef::This => "this".into(),
            OwnerRef::Heap => "heap".into(),
            OwnerRef::Immortal => "immortal".into(),
            OwnerRef::Region(name) => name.to_string(),
            OwnerRef::Error => "?".into(),
        }
    }

    /// Declared owner names only (what a typo can be corrected to).
    pub fn declared(&self) -> impl Iterator<Item = &str> {
        self.regions
            .iter()
            .rev()
            .chain(&self.method_formals)
            .chain(&self.class_formals)
            .map(|n| n.as_str())
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// What a variable is, for diagnostics and later phases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarKind {
    Param,
    Local,
    /// A region name: the region's handle, of type `Handle<r>`.
    Region,
    /// A name bound by `var (a, b) = open C;` or a `switch receive` arm.
    Binding,
}

impl VarKind {
    pub fn describe(self) -> &'static str {
        match self {
            VarKind::Param => "parameter",
            VarKind::Local => "local variable",
            VarKind::Region => "region",
            VarKind::Binding => "variable",
        }
    }
}

/// One variable in scope.
#[derive(Clone, Debug)]
pub struct Var {
    pub name: Name,
    pub span: Span,
    pub kind: VarKind,
    pub ty: Ty,
}

/// The variables of one body: nested frames, innermost last. As in Java, a
/// name may not be redeclared while an outer declaration of it is in scope
/// (parameters included, E0106); a redeclaration still hides the first, so
/// a lookup finds the innermost (latest) one.
///
/// The variables live in one stack and a frame is where it starts, so a
/// lookup scans declared variables only: a chain of 50,000 `else if`s opens
/// 50,000 frames but declares nothing in them.
#[derive(Clone, Debug, Default)]
pub struct VarScopes {
    vars: Vec<Var>,
    frames: Vec<usize>,
}

impl VarScopes {
    /// Empty, with room for `vars` variables.
    pub fn with_capacity(vars: usize) -> VarScopes {
        let mut frames = Vec::with_capacity(8);
        frames.push(0);
        VarScopes {
            vars: Vec::with_capacity(vars),
            frames,
        }
    }

    /// Room for `vars` more variables.
    pub(crate) fn reserve(&mut self, vars: usize) {
        self.vars.reserve(vars);
    }

    pub(crate) fn capacity(&self) -> usize {
        self.vars.capacity().max(self.frames.capacity())
    }

    /// Empty again, as [`VarScopes::with_capacity`] makes it, keeping the
    /// room.
    pub(crate) fn reset(&mut self) {
        self.vars.clear();
        self.frames.clear();
        self.frames.push(0);
    }

    pub fn push(&mut self) {
        self.frames.push(self.vars.len());
    }

    pub fn pop(&mut self) {
        if let Some(start) = self.frames.pop() {
            self.vars.truncate(start);
        }
    }

    pub fn lookup(&self, name: Name) -> Option<&Var> {
        self.vars.iter().rev().find(|v| v.name == name)
    }

    pub fn lookup_mut(&mut self, name: Name) -> Option<&mut Var> {
        self.vars.iter_mut().rev().find(|v| v.name == name)
    }

    /// Declares `var` in the innermost frame, and returns the declaration
    /// in scope that it clashes with, if any (E0106). It is declared even
    /// then, so later uses mean the new one, as javac and rustc read them:
    /// `int x = 1; float x = 2.0; print(x + 1.0);` is one mistake.
    pub fn declare(&mut self, var: Var) -> Result<(), Var> {
        let clash = self.lookup(var.name).cloned();
        self.vars.push(var);
        match clash {
            Some(existing) => Err(existing),
            None => Ok(()),
        }
    }

    /// Every variable in scope, innermost first.
    pub fn iter(&self) -> impl Iterator<Item = &Var> {
        self.vars.iter().rev()
    }

    /// Every name in scope, innermost first (suggestion candidates).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.iter().rev().map(|v| v.name.as_str())
    }
}

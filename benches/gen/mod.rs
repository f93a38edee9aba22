//! A generator of large, valid Own programs for the benchmarks, and of
//! their Java "twins".
//!
//! [`generate`] writes "units" of classes until the text reaches about the
//! requested number of lines, then a `main` that uses every unit. Each unit
//! is an `Item<o>` data class, a `Box<o, d>` class (sometimes with a class
//! `where` clause) with a random mix of methods (loops, calls, local
//! regions of every kind, owner-polymorphic methods with method `where`
//! clauses, methods allocating through a `Handle` parameter, calls into
//! earlier units), and sometimes a subclass overriding one method. Every
//! program is valid per LANGUAGE.md: the benchmarks measure the checker on
//! code that it must accept, and check that it does.
//!
//! [`generate_with_twin`] also writes the same program in Java with the
//! owners erased (`benches/vs_javac.rs` compiles it with `javac`): the same
//! classes, fields, methods, loops and calls; `float` is `double`, `bool` is
//! `boolean`, built-ins are `Math.*` and casts; `region` blocks are plain
//! blocks; `Handle` parameters, owner arguments, `accesses` and `where`
//! clauses are dropped. One difference of shape: Java caps a method's
//! bytecode at 64 KiB and a class's constant pool at 65,535 entries, so
//! each of `main`'s region blocks becomes a class `Region{n}` with a static
//! method `run` that `main` calls. The twin is one file, `Main.java`, whose
//! only public class is `Main`.
//!
//! The rules the generated code relies on, so that edits keep it valid:
//! - every field of `this` is owned by `o` or `this` (`o owns this`), so
//!   `accesses o` covers all of a method's effects on its own object; a
//!   method that reads or writes an `Item<d>` also lists `d`;
//! - effects on a region opened inside the method drop out, so methods that
//!   work in a local region can call anything declared `accesses o`;
//! - a polymorphic method's formal `p` is only ever bound to a region
//!   opened inside the caller, which every owner in scope outlives: so its
//!   `where o outlives p` / `where d outlives p` clauses hold at every call;
//! - fields whose types mention `this` (`own`, `buf`) are only reached
//!   through the implicit `this`;
//! - every local is initialised, every non-void method ends in `return`,
//!   and local names are unique within a method (Java forbids shadowing
//!   locals too).
//!
//! The pseudo-random generator is SplitMix64, so a (lines, seed) pair always
//! gives the same text, on every platform, without an external crate.

/// Returns a valid Own program of roughly `lines` lines (never fewer than
/// one unit and `main`), the same for the same `(lines, seed)`.
pub fn generate(lines: usize, seed: u64) -> String {
    Generator::new(seed, false).program(lines).0
}

/// Like [`generate`] (the same Own text), and its Java twin: the text of
/// `Main.java`.
pub fn generate_with_twin(lines: usize, seed: u64) -> (String, String) {
    let (own, java) = Generator::new(seed, true).program(lines);
    (own, java.unwrap_or_default())
}

/// Lines of `main` per unit (see [`Generator::main`]).
const MAIN_LINES_PER_UNIT: usize = 3;

/// How many units share one region in `main`.
const UNITS_PER_REGION: usize = 64;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough to
/// vary code shapes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = (self.next() % items.len() as u64) as usize;
        items.get(i).copied().unwrap_or("")
    }
}

/// The text being written, with its line count and indentation.
#[derive(Default)]
struct Out {
    text: String,
    lines: usize,
    indent: usize,
}

impl Out {
    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.text.push_str("    ");
        }
        self.text.push_str(s);
        self.text.push('\n');
        self.lines += 1;
    }

    fn blank(&mut self) {
        self.text.push('\n');
        self.lines += 1;
    }

    /// Writes `s` (which ends in `{`) and indents what follows.
    fn open(&mut self, s: &str) {
        self.line(s);
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent = self.indent.saturating_sub(1);
        self.line("}");
    }

    /// `} else {`: closes one block and opens the next at the same depth.
    fn close_open(&mut self, s: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.line(s);
        self.indent += 1;
    }
}

/// The Own text and, when asked for, its Java twin, written in step: every
/// call writes one line (or block edge) to both, the same text or each its
/// own. The Own text's line count drives the size.
struct Twin {
    own: Out,
    java: Option<Out>,
}

impl Twin {
    /// Does `f` to both texts.
    fn both(&mut self, f: impl Fn(&mut Out)) {
        f(&mut self.own);
        if let Some(j) = &mut self.java {
            f(j);
        }
    }

    /// The same line in both languages.
    fn line(&mut self, s: &str) {
        self.both(|o| o.line(s));
    }

    /// A line that differs between the languages.
    fn line2(&mut self, own: &str, java: &str) {
        self.each(own, java, Out::line);
    }

    fn blank(&mut self) {
        self.both(Out::blank);
    }

    fn open(&mut self, s: &str) {
        self.both(|o| o.open(s));
    }

    /// A block's first line, which differs between the languages.
    fn open2(&mut self, own: &str, java: &str) {
        self.each(own, java, Out::open);
    }

    /// Does `f` to each text with that language's string.
    fn each(&mut self, own: &str, java: &str, f: impl Fn(&mut Out, &str)) {
        f(&mut self.own, own);
        if let Some(j) = &mut self.java {
            f(j, java);
        }
    }

    fn close(&mut self) {
        self.both(Out::close);
    }

    fn close_open(&mut self, s: &str) {
        self.both(|o| o.close_open(s));
    }
}

/// A primitive type's name in Java.
fn java_ty(own: &str) -> &str {
    match own {
        "float" => "double",
        "bool" => "boolean",
        other => other,
    }
}

/// The kinds of method a `Box` class may get besides its `step` method.
#[derive(Clone, Copy)]
enum MethodKind {
    Loop,
    Walk,
    Update,
    Scratch,
    Poly,
    Make,
    Cross,
    Fill,
    Math,
}

const KINDS: [MethodKind; 9] = [
    MethodKind::Loop,
    MethodKind::Walk,
    MethodKind::Update,
    MethodKind::Scratch,
    MethodKind::Poly,
    MethodKind::Make,
    MethodKind::Cross,
    MethodKind::Fill,
    MethodKind::Math,
];

struct Generator {
    rng: Rng,
    out: Twin,
}

impl Generator {
    fn new(seed: u64, twin: bool) -> Generator {
        Generator {
            rng: Rng(seed),
            out: Twin {
                own: Out::default(),
                java: twin.then(Out::default),
            },
        }
    }

    /// Units until about `lines` lines, then `main`: the Own text and the
    /// Java twin, if one was asked for.
    fn program(mut self, lines: usize) -> (String, Option<String>) {
        self.out.line(&format!(
            "// Generated by benches/gen (seed {}, about {lines} lines): valid code.",
            self.rng.0
        ));
        self.out.blank();
        let mut units = 0;
        // `main` takes about MAIN_LINES_PER_UNIT lines for each unit.
        while units == 0 || self.out.own.lines + MAIN_LINES_PER_UNIT * units < lines {
            self.unit(units);
            units += 1;
        }
        self.main(units);
        (self.out.own.text, self.out.java.map(|j| j.text))
    }

    /// One unit: `Item{n}`, `Box{n}` and maybe `Sub{n}`.
    fn unit(&mut self, n: usize) {
        let word = self.pick_word();
        self.out.line(&format!(
            "// Unit {n}: a data class, a container with {word} methods."
        ));
        self.item_class(n);
        self.out.blank();
        self.box_class(n);
        self.out.blank();
        if self.rng.chance(30) {
            self.sub_class(n);
            self.out.blank();
        }
    }

    fn pick_word(&mut self) -> &'static str {
        self.rng
            .pick(&["assorted", "looping", "region-using", "calling", "mixed"])
    }

    fn item_class(&mut self, n: usize) {
        self.out.open2(
            &format!("class Item{n}<o> {{"),
            &format!("class Item{n} {{"),
        );
        self.out.line2("int a;", "int a;");
        self.out.line2("float b;", "double b;");
        self.out.line2("bool c;", "boolean c;");
        for k in 0..self.rng.range(0, 3) {
            let ty = self.rng.pick(&["int", "float", "bool"]);
            self.out.line2(
                &format!("{ty} extra{k};"),
                &format!("{} extra{k};", java_ty(ty)),
            );
        }
        self.out.close();
    }

    fn box_class(&mut self, n: usize) {
        let clause = if self.rng.chance(25) {
            " where d outlives o"
        } else {
            ""
        };
        self.out.open2(
            &format!("class Box{n}<o, d>{clause} {{"),
            &format!("class Box{n} {{"),
        );
        self.out
            .line2(&format!("Item{n}<d> item;"), &format!("Item{n} item;"));
        self.out
            .line2(&format!("Box{n}<o, d> next;"), &format!("Box{n} next;"));
        self.out
            .line(&format!("Item{n} own;            // owned by this"));
        self.out.line2("int[]<this> buf;", "int[] buf;");
        self.out.line("int count;");
        self.out.line2("float total;", "double total;");
        self.out.blank();
        self.step_method(n);
        let methods = self.rng.range(3, 8);
        let mut polys: Vec<String> = Vec::new();
        let mut makers: Vec<String> = Vec::new();
        for k in 0..methods {
            let kind = KINDS
                .get((self.rng.next() % KINDS.len() as u64) as usize)
                .copied()
                .unwrap_or(MethodKind::Loop);
            self.out.blank();
            let name = format!("m{k}");
            match kind {
                MethodKind::Loop => self.loop_method(&name),
                MethodKind::Walk => self.walk_method(n, &name),
                MethodKind::Update => self.update_method(n, &name),
                MethodKind::Scratch => self.scratch_method(n, &name),
                MethodKind::Poly => {
                    self.poly_method(n, &name);
                    polys.push(name);
                }
                MethodKind::Make => {
                    self.make_method(n, &name);
                    makers.push(name);
                }
                MethodKind::Cross if n > 0 => self.cross_method(n, &name),
                MethodKind::Cross => self.loop_method(&name),
                MethodKind::Fill => self.fill_method(&name),
                MethodKind::Math => self.math_method(&name),
            }
        }
        if let Some(poly) = polys.first().cloned() {
            self.out.blank();
            self.poly_caller(n, &poly);
        }
        if let Some(make) = makers.first().cloned() {
            self.out.blank();
            self.make_caller(n, &make);
        }
        self.out.close();
    }

    /// Every `Box{n}` has `int step{n}(int n) accesses o`: the entry point
    /// that `main`, scratch regions and later units call.
    fn step_method(&mut self, n: usize) {
        self.out.open2(
            &format!("int step{n}(int n) accesses o {{"),
            &format!("int step{n}(int n) {{"),
        );
        self.loop_body();
        self.out.close();
    }

    fn loop_method(&mut self, name: &str) {
        self.out.open2(
            &format!("int {name}(int n) accesses o {{"),
            &format!("int {name}(int n) {{"),
        );
        self.loop_body();
        self.out.close();
    }

    /// A counting loop with a random mix of statements, then a field write.
    fn loop_body(&mut self) {
        let start = self.rng.range(0, 9);
        self.out.line(&format!("int acc = {start};"));
        self.out.open("for (int i = 0; i < n; i += 1) {");
        let statements = self.rng.range(2, 6);
        let mut exited = false;
        for _ in 0..statements {
            let c = self.rng.range(2, 9);
            let d = self.rng.range(2, 7);
            match self.rng.range(0, 7) {
                0 => self.out.line(&format!("acc += i * {c};")),
                1 => self.out.line(&format!("acc -= (i + {c}) / {d};")),
                2 => {
                    self.out.open(&format!("if (i % {c} == 0) {{"));
                    self.out.line("acc *= 2;");
                    self.out.close_open("} else {");
                    self.out.line("acc += 1;");
                    self.out.close();
                }
                3 => {
                    self.out.open("if (acc > 1_000) {");
                    self.out.line(&format!("acc = acc % {};", 90 + c));
                    self.out.close();
                }
                4 if !exited => {
                    exited = true;
                    self.out.open(&format!("if (i > {c}0 && acc < 0) {{"));
                    self.out.line("break;");
                    self.out.close();
                }
                5 => {
                    self.out.open(&format!("if (i % {c} == 1) {{"));
                    self.out.line("continue;");
                    self.out.close();
                }
                6 => self
                    .out
                    .line2("total += float(i) * 2e-3;", "total += (double) i * 2e-3;"),
                _ => self
                    .out
                    .line(&format!("acc = acc + i * {c} - (acc / {d}) % 7;")),
            }
        }
        self.out.close();
        self.out.line("count += acc;");
        self.out.line("return acc;");
    }

    /// Follows the `next` chain: reads of other boxes' fields, all of o.
    fn walk_method(&mut self, n: usize, name: &str) {
        let limit = self.rng.range(10, 99) * 100;
        self.out.open2(
            &format!("int {name}() accesses o {{"),
            &format!("int {name}() {{"),
        );
        self.out.line("int seen = 0;");
        self.out.line2(
            &format!("Box{n}<o, d> cur = next;"),
            &format!("Box{n} cur = next;"),
        );
        self.out.open("while (cur != null) {");
        self.out.line("seen += cur.count;");
        self.out.open(&format!("if (seen > {limit}) {{"));
        self.out.line("break;");
        self.out.close();
        self.out.line("cur = cur.next;");
        self.out.close();
        self.out.line("return seen;");
        self.out.close();
    }

    /// Writes an `Item<d>` handed in, and the box's own `Item<this>`.
    fn update_method(&mut self, n: usize, name: &str) {
        let c = self.rng.range(1, 20);
        self.out.open2(
            &format!("void {name}(Item{n}<d> x) accesses o, d {{"),
            &format!("void {name}(Item{n} x) {{"),
        );
        self.out.line("item = x;");
        self.out.line(&format!("x.a += {c};"));
        self.out.line2(
            "x.b = x.b * 0.5 + float(x.a);",
            "x.b = x.b * 0.5 + (double) x.a;",
        );
        self.out.line(&format!("x.c = x.a > {c} && !x.c;"));
        self.out.open("if (own == null) {");
        self.out.line2(
            &format!("own = new Item{n}<this>();"),
            &format!("own = new Item{n}();"),
        );
        self.out.close();
        self.out.line("own.a = x.a - own.a;");
        self.out.close();
    }

    /// Works in a local region: an array, an item and a box allocated there,
    /// a call whose effect (on the region) drops out.
    fn scratch_method(&mut self, n: usize, name: &str) {
        let c = self.rng.range(1, 9);
        let region = self
            .rng
            .pick(&["", " : LT(65536)", " : VT", " : LT(4096)", " : LT(4_096)"]);
        self.out.open2(
            &format!("float {name}(int n) accesses o, d {{"),
            &format!("double {name}(int n) {{"),
        );
        self.out.line2("float s = 0.0;", "double s = 0.0;");
        self.out.open2(&format!("region tmp{region} {{"), "{");
        self.out.line2(
            "int[]<tmp> xs = new int[]<tmp>(n + 1);",
            "int[] xs = new int[n + 1];",
        );
        self.out.open("for (int j = 0; j < xs.length; j += 1) {");
        self.out.line(&format!("xs[j] = j * {c};"));
        self.out.close();
        self.out.line2(
            &format!("Item{n}<tmp> t = new Item{n}<tmp>();"),
            &format!("Item{n} t = new Item{n}();"),
        );
        self.out.line("t.a = xs[n];");
        self.out.line2(
            &format!("Box{n}<tmp, d> b = new Box{n}<tmp, d>();"),
            &format!("Box{n} b = new Box{n}();"),
        );
        self.out.line("b.item = item;");
        self.out.line2(
            &format!("s = float(t.a + b.step{n}({c}));"),
            &format!("s = (double) (t.a + b.step{n}({c}));"),
        );
        self.out.close();
        self.out.line("total += s;");
        self.out.line("return s;");
        self.out.close();
    }

    /// An owner-polymorphic method: its only effect is on its formal, which
    /// its `where` clause requires to die no later than the box's owner.
    fn poly_method(&mut self, n: usize, name: &str) {
        self.out.open2(
            &format!("int {name}<p>(Item{n}<p> x, int k) accesses p where o outlives p {{"),
            &format!("int {name}(Item{n} x, int k) {{"),
        );
        self.out.line("int res = x.a;");
        self.out.open("if (x.c) {");
        self.out.line("res += k;");
        self.out.close_open("} else {");
        self.out.line("res -= k * 2;");
        self.out.close();
        self.out.line("x.a = res;");
        self.out.line("return res;");
        self.out.close();
    }

    /// Calls a polymorphic method with an explicit and an inferred owner.
    fn poly_caller(&mut self, n: usize, poly: &str) {
        let c = self.rng.range(1, 9);
        self.region_user("usePoly", "region q", "got", |g| {
            g.out.line2(
                &format!("Item{n}<q> t = new Item{n}<q>();"),
                &format!("Item{n} t = new Item{n}();"),
            );
            g.out.line("t.a = n;");
            g.out.line2(
                &format!("got = this.{poly}<q>(t, {c}) + this.{poly}(t, n % {c});"),
                &format!("got = this.{poly}(t, {c}) + this.{poly}(t, n % {c});"),
            );
        });
    }

    /// `int {name}(int n) accesses o` whose `body` runs in a local region
    /// (`region` is the Own block's head, a plain block in Java) and sets
    /// `result`, which is then added to `count` and returned.
    fn region_user(
        &mut self,
        name: &str,
        region: &str,
        result: &str,
        body: impl FnOnce(&mut Self),
    ) {
        self.out.open2(
            &format!("int {name}(int n) accesses o {{"),
            &format!("int {name}(int n) {{"),
        );
        self.out.line(&format!("int {result} = 0;"));
        self.out.open2(&format!("{region} {{"), "{");
        body(self);
        self.out.close();
        self.out.line(&format!("count += {result};"));
        self.out.line(&format!("return {result};"));
        self.out.close();
    }

    /// An owner-polymorphic factory: it allocates in its formal's region
    /// through the `Handle` it is given (LANGUAGE.md §7), under a `where`
    /// clause on a class formal.
    fn make_method(&mut self, n: usize, name: &str) {
        let c = self.rng.range(2, 9);
        self.out.open2(
            &format!("Item{n}<p> {name}<p>(Handle<p> h, int v) accesses p where d outlives p {{"),
            &format!("Item{n} {name}(int v) {{"),
        );
        self.out.line2(
            &format!("Item{n}<p> x = new Item{n}<p>();"),
            &format!("Item{n} x = new Item{n}();"),
        );
        self.out.line(&format!("x.a = v * {c};"));
        self.out
            .line2("x.b = float(v) * 0.25;", "x.b = (double) v * 0.25;");
        self.out.line("x.c = v % 2 == 0;");
        self.out.line("return x;");
        self.out.close();
    }

    /// Calls a factory in a small linear-time region, passing the region's
    /// handle, with an explicit and an inferred owner.
    fn make_caller(&mut self, n: usize, make: &str) {
        self.region_user("useMake", "region w : LT(4096)", "made", |g| {
            g.out.line2(
                &format!("Item{n}<w> x = this.{make}<w>(w, n);"),
                &format!("Item{n} x = this.{make}(n);"),
            );
            g.out.line2(
                &format!("Item{n}<w> y = {make}(w, n + 1);"),
                &format!("Item{n} y = {make}(n + 1);"),
            );
            g.out.line("made = x.a + y.a;");
        });
    }

    /// Calls into an earlier unit's box, which shares this box's owners.
    fn cross_method(&mut self, n: usize, name: &str) {
        let m = (self.rng.next() % n as u64) as usize;
        self.out.open2(
            &format!("int {name}(Box{m}<o, d> other, int n) accesses o, d {{"),
            &format!("int {name}(Box{m} other, int n) {{"),
        );
        self.out.line(&format!("int v = other.step{m}(n);"));
        self.out.open("if (other.next != null) {");
        self.out.line(&format!("v += other.next.step{m}(n + 1);"));
        self.out.close();
        self.out.line("return v + count;");
        self.out.close();
    }

    /// Fills the box's private array, allocated on first use.
    fn fill_method(&mut self, name: &str) {
        let size = self.rng.range(4, 64);
        self.out.open2(
            &format!("int {name}(int n) accesses o {{"),
            &format!("int {name}(int n) {{"),
        );
        self.out.open("if (buf == null) {");
        self.out.line2(
            &format!("buf = new int[]<this>({size});"),
            &format!("buf = new int[{size}];"),
        );
        self.out.close();
        self.out.line("int sum = 0;");
        self.out.open("for (int i = 0; i < buf.length; i += 1) {");
        self.out.line("buf[i] += i * n;");
        self.out.line("sum += buf[i];");
        self.out.close();
        self.out.line("return sum;");
        self.out.close();
    }

    /// Float arithmetic with every built-in and both conversions.
    fn math_method(&mut self, name: &str) {
        let c = self.rng.range(1, 99);
        self.out.open2(
            &format!("float {name}(float x) accesses o {{"),
            &format!("double {name}(double x) {{"),
        );
        self.out.line2(
            "float y = sqrt(abs(x) + 1.0) * 0.5;",
            "double y = Math.sqrt(Math.abs(x) + 1.0) * 0.5;",
        );
        self.out.line2(
            &format!("y = max(y, min(total, {c}.0));"),
            &format!("y = Math.max(y, Math.min(total, {c}.0));"),
        );
        self.out.line2(
            "total = y - float(int(y));",
            "total = y - (double) (int) y;",
        );
        self.out.line2(
            &format!("count = max(count, int(y) % {c});"),
            &format!("count = Math.max(count, (int) y % {c});"),
        );
        self.out.line("return y;");
        self.out.close();
    }

    /// A subclass overriding `step` with the same signature and clause.
    fn sub_class(&mut self, n: usize) {
        let c = self.rng.range(2, 9);
        self.out.open2(
            &format!("class Sub{n}<o, d> extends Box{n}<o, d> {{"),
            &format!("class Sub{n} extends Box{n} {{"),
        );
        self.out.line("int extra;");
        self.out.blank();
        self.out.open2(
            &format!("int step{n}(int n) accesses o {{"),
            &format!("int step{n}(int n) {{"),
        );
        self.out.line(&format!("extra += n * {c};"));
        self.out.line("count += 1;");
        self.out.line("return extra;");
        self.out.close();
        self.out.close();
    }

    /// `main`: one region per [`UNITS_PER_REGION`] units; in it, one box of
    /// each unit, with an item, stepped once. In Java, each region block is
    /// a class whose static `run` returns its part of the checksum (see the
    /// module comment).
    fn main(&mut self, units: usize) {
        let steps: Vec<u64> = (0..units).map(|_| self.rng.range(1, 20)).collect();
        let blocks: Vec<(usize, usize)> = (0..units)
            .step_by(UNITS_PER_REGION)
            .map(|first| (first, (first + UNITS_PER_REGION).min(units)))
            .collect();
        self.out.open2("main {", "public class Main {");
        if let Some(j) = &mut self.out.java {
            j.open("public static void main(String[] args) {");
        }
        self.out.line("int checksum = 0;");
        for &(first, last) in &blocks {
            let r = format!("r{first}");
            self.out.own.open(&format!("region {r} {{"));
            for n in first..last {
                self.own_unit_use(n, &r, steps.get(n).copied().unwrap_or(1));
            }
            self.out.own.close();
            if let Some(j) = &mut self.out.java {
                j.line(&format!("checksum += Region{first}.run();"));
            }
        }
        self.out.line2(
            "print(\"checksum\", checksum);",
            "System.out.println(\"checksum \" + checksum);",
        );
        self.out.close();
        if let Some(j) = &mut self.out.java {
            j.close();
            for &(first, last) in &blocks {
                j.blank();
                j.open(&format!("class Region{first} {{"));
                j.open("static int run() {");
                j.line("int checksum = 0;");
                for n in first..last {
                    let s = steps.get(n).copied().unwrap_or(1);
                    j.line(&format!("Box{n} b{n} = new Box{n}();"));
                    j.line(&format!("b{n}.item = new Item{n}();"));
                    j.line(&format!("checksum += b{n}.step{n}({s});"));
                }
                j.line("return checksum;");
                j.close();
                j.close();
            }
        }
    }

    /// `main`'s three lines for unit `n` in region `r`.
    fn own_unit_use(&mut self, n: usize, r: &str, steps: u64) {
        let own = &mut self.out.own;
        own.line(&format!("Box{n}<{r}, {r}> b{n} = new Box{n}<{r}, {r}>();"));
        own.line(&format!("b{n}.item = new Item{n}<{r}>();"));
        own.line(&format!("checksum += b{n}.step{n}({steps});"));
    }
}

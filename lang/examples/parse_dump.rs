//! Debugging aid: `cargo run -p ownc-lang --example parse_dump FILE` prints
//! the syntax tree and the syntax errors of one file.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_dump FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let parsed = ownc_lang::parse(&text);
    if std::env::args().nth(2).as_deref() != Some("--errors-only") {
        println!("{:#?}", parsed.file);
    }
    let index = ownc_lang::LineIndex::new(&text);
    for e in &parsed.errors {
        let (l, c) = index.line_col(&text, e.primary.span.start);
        println!(
            "{path}:{l}:{c}: {}: {} [{}]",
            e.code.as_str(),
            e.message,
            e.primary.message
        );
    }
}

//! Helpers shared by the integration tests: running the built `ownc` binary
//! the way a user would, never in colour, and reading its JSON output.

#![allow(dead_code)] // each test crate uses a different part

use std::path::Path;
use std::process::{Command, Output};

/// The workspace root, where test paths are relative to (so rendered paths
/// in snapshots do not depend on the machine).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ownc ARGS…` from the workspace root with colour switched off.
pub fn ownc<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_ownc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run ownc: {e}"))
}

/// The exit status; a run killed by a signal (a stack overflow, say) has
/// none and fails the test with what it printed.
pub fn status(out: &Output) -> i32 {
    out.status.code().unwrap_or_else(|| {
        panic!(
            "ownc was killed by a signal ({:?}); stderr:\n{}",
            out.status,
            stderr(out)
        )
    })
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The diagnostics of a `--format json` run, or why its stdout is not the
/// JSON array §14 promises.
pub fn json_diagnostics(out: &Output) -> Result<Vec<serde_json::Value>, String> {
    match serde_json::from_slice::<serde_json::Value>(&out.stdout) {
        Ok(serde_json::Value::Array(items)) => Ok(items),
        Ok(other) => Err(format!("stdout is JSON but not an array: {other}")),
        Err(e) => Err(format!("stdout is not JSON ({e}): {}", stdout(out))),
    }
}

/// Fails the test if ownc crashed in any way.
pub fn assert_no_crash(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked") && !err.contains("internal compiler error"),
        "ownc crashed:\n{err}"
    );
    assert_ne!(status(out), 101, "ownc exited 101:\n{err}");
}

/// Writes `contents` to `CARGO_TARGET_TMPDIR/FOLDER/NAME` and returns the path.
pub fn temp_file(folder: &str, name: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(folder);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {dir:?}: {e}"));
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("cannot write {path:?}: {e}"));
    path
}

/// Runs `ownc check --format json PATHS…`.
pub fn ownc_json(paths: &[&Path]) -> Output {
    let mut args = vec!["check".as_ref(), "--format".as_ref(), "json".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    ownc(args)
}

//! Turning the PATH arguments into the program's source texts: folders are
//! walked for `.own` files (sorted, so the output is deterministic), and every
//! file is read whole and checked to be UTF-8 and small enough for `u32`
//! spans. Every failure is one [`LoadError`], printed as one line.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file of the program, as read from disk.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// The path as the user will recognise it: as given on the command line,
    /// or the folder given joined with the path found below it.
    pub path: Arc<str>,
    pub text: Arc<str>,
}

/// Why the program could not be loaded. `Display` gives one line without the
/// `error: ` prefix.
#[derive(Debug)]
pub enum LoadError {
    Read { path: PathBuf, error: io::Error },
    NotUtf8 { path: PathBuf, offset: usize },
    TooLarge { path: PathBuf, bytes: u64 },
    NoOwnFiles { dir: PathBuf },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { path, error } => {
                write!(f, "cannot read {}: {}", path.display(), io_reason(error))
            }
            LoadError::NotUtf8 { path, offset } => write!(
                f,
                "{} is not valid UTF-8 (first bad byte at offset {offset})",
                path.display()
            ),
            LoadError::TooLarge { path, bytes } => write!(
                f,
                "{} is too large to check ({bytes} bytes; the limit is {} bytes)",
                path.display(),
                MAX_FILE_BYTES
            ),
            LoadError::NoOwnFiles { dir } => {
                write!(f, "no .own files found in folder {}", dir.display())
            }
        }
    }
}

/// Spans are `u32` byte offsets (`ownc_lang::Span`), so a file must fit.
pub const MAX_FILE_BYTES: u64 = u32::MAX as u64;

/// The extension of Own source files, searched for below folder arguments.
const EXTENSION: &str = "own";

/// Reads every file the paths stand for, in order, each file once.
pub fn load(paths: &[PathBuf]) -> Result<Vec<SourceText>, LoadError> {
    let files = collect(paths)?;
    files.iter().map(|p| read(p)).collect()
}

/// Expands folders into their `.own` files, drops repeats (a file named
/// twice, or named and also found in a folder, keeps its first spelling) and
/// puts the files in sorted order of their canonical paths. The program is
/// the same whatever order its files are named in (§3: "order does not
/// matter"), so its diagnostics must be too: which of two declarations of a
/// name is "first" (E0106), where an inheritance cycle is reported, and the
/// order of the output all follow this order, not the command line's.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|error| LoadError::Read {
            path: path.clone(),
            error,
        })?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(LoadError::NoOwnFiles { dir: path.clone() });
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = HashSet::new();
    // Canonical paths identify a file however it was named; a file that
    // cannot be canonicalised is kept and fails, with its own name, when read.
    let mut keyed: Vec<(PathBuf, PathBuf)> = files
        .into_iter()
        .map(|f| (fs::canonicalize(&f).unwrap_or_else(|_| f.clone()), f))
        .filter(|(key, _)| seen.insert(key.clone()))
        .collect();
    // Stable, and keys are unique after the filter: ties cannot arise.
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, f)| f).collect())
}

/// Appends the `.own` files below `dir` in sorted order. Symbolic links to
/// folders are not followed, so a link cycle cannot loop forever.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let read_err = |error| LoadError::Read {
        path: dir.to_path_buf(),
        error,
    };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let kind = entry.file_type().map_err(read_err)?;
        entries.push((entry.path(), kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == EXTENSION) && !is_dir_link(&path, kind) {
            out.push(path);
        }
    }
    Ok(())
}

/// A symbolic link named `x.own` that points at a folder is skipped like any
/// other link to a folder.
fn is_dir_link(path: &Path, kind: fs::FileType) -> bool {
    kind.is_symlink() && fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// Reads one file, refusing what the front end cannot take.
pub fn read(path: &Path) -> Result<SourceText, LoadError> {
    let read_err = |error| LoadError::Read {
        path: path.to_path_buf(),
        error,
    };
    // Check the size first so a huge file is refused before it is read
    // (the size of the file opened, not of whatever the path names a
    // moment later); the length is checked again after reading because
    // some files (pipes, /proc) report no size.
    let mut file = fs::File::open(path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size));
    }
    let bytes = read_shared(&mut file, size).map_err(read_err)?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_FILE_BYTES {
        return Err(too_large(path, len));
    }
    let text = shared_str(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    Ok(SourceText {
        path: display_path(path).into(),
        text,
    })
}

/// The path as text, each byte that is not UTF-8 written `\xFF`. Paths
/// name files in the output and key them in the checker and the renderers,
/// so two files must never share one: `to_string_lossy` made `a\xFF.own`
/// and `a\xFE.own` both `a\u{FFFD}.own`, and the diagnostics of one were
/// placed in the text of the other.
fn display_path(path: &Path) -> String {
    let mut shown = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        shown.push_str(chunk.valid());
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02X}"));
        }
    }
    shown
}

/// All of `file`, read straight into the shared buffer the checker keeps
/// (sized by `expected`, the length the file system reported), instead of
/// into a vector then copied into an `Arc`: that copy was the whole
/// program once more, 24 MB and 6,000 page faults at a million lines.
/// A file that turns out longer or shorter than reported (a pipe, a file
/// being written) is still read whole, with one copy.
fn read_shared(file: &mut fs::File, expected: u64) -> io::Result<Arc<[u8]>> {
    let size = usize::try_from(expected).unwrap_or(0);
    let mut fresh = Arc::new_uninit_slice(size);
    let Some(bytes) = Arc::get_mut(&mut fresh) else {
        return Err(io::Error::other("a fresh buffer is shared"));
    };
    bytes.fill(std::mem::MaybeUninit::new(0));
    // SAFETY: every byte of the buffer was just set.
    let mut buffer: Arc<[u8]> = unsafe { fresh.assume_init() };
    let Some(target) = Arc::get_mut(&mut buffer) else {
        return Err(io::Error::other("a fresh buffer is shared"));
    };
    let filled = read_into(file, target)?;
    if filled < size {
        return Ok(Arc::from(buffer.get(..filled).unwrap_or_default()));
    }
    let mut rest = Vec::new();
    io::Read::read_to_end(file, &mut rest)?;
    if rest.is_empty() {
        return Ok(buffer);
    }
    let mut whole = buffer.to_vec();
    whole.append(&mut rest);
    Ok(Arc::from(whole))
}

/// Reads into `target` until it is full or the file ends; how many bytes
/// were read.
fn read_into(file: &mut fs::File, target: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while let Some(rest) = target.get_mut(filled..).filter(|rest| !rest.is_empty()) {
        match io::Read::read(file, rest) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

/// `bytes` as text, without copying them, if they are UTF-8.
fn shared_str(bytes: Arc<[u8]>) -> Result<Arc<str>, std::str::Utf8Error> {
    std::str::from_utf8(&bytes)?;
    // SAFETY: the bytes were just found to be UTF-8, and `str` is laid out
    // as `[u8]` is, so the pointer names a valid `str` of the same length.
    Ok(unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) })
}

fn too_large(path: &Path, bytes: u64) -> LoadError {
    LoadError::TooLarge {
        path: path.to_path_buf(),
        bytes,
    }
}

/// The operating system's reason without Rust's ` (os error N)` suffix, which
/// tells a user nothing more.
fn io_reason(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_are_not_utf8_stay_distinct() {
        assert_eq!(display_path(Path::new("dir/é.own")), "dir/é.own");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = |bytes: &[u8]| display_path(Path::new(std::ffi::OsStr::from_bytes(bytes)));
            assert_eq!(name(b"a\xff.own"), "a\\xFF.own");
            assert_eq!(name(b"a\xfe.own"), "a\\xFE.own");
        }
    }

    #[test]
    fn io_reason_drops_the_os_error_number() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&e), "No such file or directory");
    }
}

//! Reading inputs: files, directories and standard input, decoded to text.
//!
//! UTF-8 is expected (a BOM is allowed and kept: the parser skips it, so byte offsets stay
//! true to the file). UTF-16 with a BOM is decoded. Anything else is an error that names the
//! file and the byte offset.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a text came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    File(PathBuf),
    Stdin,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(p) => write!(f, "{}", p.display()),
            Origin::Stdin => write!(f, "<stdin>"),
        }
    }
}

/// A decoded input.
#[derive(Clone, Debug)]
pub struct Source {
    pub origin: Origin,
    pub text: String,
}

#[derive(Debug)]
pub enum InputError {
    Io {
        origin: Origin,
        error: std::io::Error,
    },
    InvalidUtf8 {
        origin: Origin,
        offset: usize,
    },
    InvalidUtf16 {
        origin: Origin,
        offset: usize,
    },
    Binary {
        origin: Origin,
        offset: usize,
    },
    NotFound {
        path: PathBuf,
    },
    Walk {
        path: PathBuf,
        message: String,
    },
    TooLarge {
        origin: Origin,
        size: u64,
        limit: u64,
    },
    TooDeep {
        origin: Origin,
        offset: usize,
        line: usize,
        column: usize,
        limit: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { origin, error } => write!(f, "{origin}: cannot read: {error}"),
            InputError::InvalidUtf8 { origin, offset } => write!(
                f,
                "{origin}: invalid UTF-8 at byte offset {offset} (treatylint reads UTF-8, or UTF-16 with a byte-order mark)"
            ),
            InputError::InvalidUtf16 { origin, offset } => {
                write!(f, "{origin}: invalid UTF-16 at byte offset {offset}")
            }
            InputError::Binary { origin, offset } => write!(
                f,
                "{origin}: looks like a binary file (NUL byte at offset {offset}), not a text"
            ),
            InputError::NotFound { path } => {
                write!(f, "{}: no such file or directory", path.display())
            }
            InputError::Walk { path, message } => write!(f, "{}: {message}", path.display()),
            InputError::TooLarge {
                origin,
                size,
                limit,
            } => write!(
                f,
                "{origin}: {size} bytes is more than the largest file treatylint reads ({limit} bytes); raise it with --max-file-size or `max-file-size` under [limits] in treatylint.toml"
            ),
            InputError::TooDeep {
                origin,
                offset,
                line,
                column,
                limit,
            } => write!(
                f,
                "{origin}:{line}:{column}: brackets nested more than {limit} deep (byte offset {offset}); raise the limit with --max-nesting or `max-nesting` under [limits] in treatylint.toml"
            ),
        }
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// Whether this error is a binary file met while walking a directory (a warning there).
    pub fn is_binary(&self) -> bool {
        matches!(self, InputError::Binary { .. })
    }
}

/// Resource limits on what is read: the largest file, and the deepest nesting of brackets
/// (parentheses, square brackets and braces together). Every stage after reading is linear
/// in the size of its input; these bound that size, and keep a crafted input from producing
/// one finding per unmatched bracket by the hundred thousand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_file_size: u64,
    pub max_nesting: usize,
}

impl Limits {
    /// 64 MiB: the longest treaty texts are a few hundred kilobytes.
    pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;
    /// Real drafts nest brackets three or four deep.
    pub const DEFAULT_MAX_NESTING: usize = 500;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: Self::DEFAULT_MAX_FILE_SIZE,
            max_nesting: Self::DEFAULT_MAX_NESTING,
        }
    }
}

/// Parses a size: a number of bytes, optionally with a unit (K, M, G, KB, MB, GB, KiB, MiB,
/// GiB; all binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("expected a size such as 64MiB or 1000000, got {s:?}"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit {other:?} in {s:?}: use K, M or G"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("size {s:?} is too large"))
}

/// Checks a decoded text against the limits: its size, then its nesting (the error names
/// the line and column of the bracket that goes one deeper than allowed). The one check
/// for files, standard input and the language server's documents.
pub fn check_limits(origin: &Origin, text: &str, limits: &Limits) -> Result<(), InputError> {
    if text.len() as u64 > limits.max_file_size {
        return Err(InputError::TooLarge {
            origin: origin.clone(),
            size: text.len() as u64,
            limit: limits.max_file_size,
        });
    }
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limits.max_nesting {
                    let (line, column) = crate::span::LineIndex::new(text).position(text, i);
                    return Err(InputError::TooDeep {
                        origin: origin.clone(),
                        offset: i,
                        line: line as usize,
                        column: column as usize,
                        limit: limits.max_nesting,
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Decodes bytes into text.
pub fn decode(origin: Origin, bytes: Vec<u8>) -> Result<Source, InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(origin, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(origin, rest, u16::from_be_bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if let Some(offset) = text.find('\0') {
                return Err(InputError::Binary { origin, offset });
            }
            Ok(Source { origin, text })
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            if let Some(nul) = bytes[..offset.min(bytes.len())]
                .iter()
                .position(|&b| b == 0)
            {
                return Err(InputError::Binary {
                    origin,
                    offset: nul,
                });
            }
            Err(InputError::InvalidUtf8 { origin, offset })
        }
    }
}

fn decode_utf16(
    origin: Origin,
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
) -> Result<Source, InputError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(InputError::InvalidUtf16 {
            origin,
            offset: bytes.len() + 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(InputError::InvalidUtf16 {
                    origin,
                    offset: 2 + 2 * i,
                });
            }
        }
    }
    Ok(Source { origin, text })
}

/// Reads one file, or standard input for `-`, within the default limits.
pub fn read(path: &Path) -> Result<Source, InputError> {
    read_limited(path, &Limits::default())
}

/// Reads one file, or standard input for `-`, refusing files larger than the limit (before
/// reading them; standard input is read up to one byte past the limit) and texts nested
/// deeper than the limit.
pub fn read_limited(path: &Path, limits: &Limits) -> Result<Source, InputError> {
    let (origin, bytes) = if path == Path::new("-") {
        (
            Origin::Stdin,
            read_at_most(std::io::stdin(), Origin::Stdin, limits)?,
        )
    } else {
        let origin = Origin::File(path.to_path_buf());
        let io = |error: std::io::Error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                InputError::NotFound {
                    path: path.to_path_buf(),
                }
            } else {
                InputError::Io {
                    origin: origin.clone(),
                    error,
                }
            }
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(InputError::Io {
                origin,
                error: std::io::Error::other("is a directory"),
            });
        }
        if meta.len() > limits.max_file_size {
            return Err(InputError::TooLarge {
                origin,
                size: meta.len(),
                limit: limits.max_file_size,
            });
        }
        // The file may grow between the metadata and the read: read at most past the limit.
        let bytes = read_at_most(file, origin.clone(), limits)?;
        (origin, bytes)
    };
    let source = decode(origin, bytes)?;
    check_limits(&source.origin, &source.text, limits)?;
    Ok(source)
}

/// Reads a stream to its end, or fails as soon as it holds more than the size limit.
fn read_at_most(r: impl Read, origin: Origin, limits: &Limits) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    r.take(limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| InputError::Io {
            origin: origin.clone(),
            error,
        })?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(InputError::TooLarge {
            origin,
            size: bytes.len() as u64,
            limit: limits.max_file_size,
        });
    }
    Ok(bytes)
}

/// Whether a file found in a directory is a draft to check (.txt or .md).
fn is_draft(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// Expands paths into the files to read, in sorted order: files as given, directories
/// walked for .txt and .md files. Errors (unreadable directories, broken links) are returned
/// beside the files, so that one bad entry does not hide the rest.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            files.push(path.clone());
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                for entry in walkdir::WalkDir::new(path).follow_links(true) {
                    match entry {
                        Ok(e) if e.file_type().is_file() && is_draft(e.path()) => {
                            found.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => errors.push(InputError::Walk {
                            path: e.path().map_or_else(|| path.clone(), Path::to_path_buf),
                            message: e
                                .io_error()
                                .map_or_else(|| e.to_string(), |io| io.to_string()),
                        }),
                    }
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(InputError::NotFound { path: path.clone() })
            }
            Err(error) => errors.push(InputError::Io {
                origin: Origin::File(path.clone()),
                error,
            }),
        }
    }
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset() {
        let err = decode(Origin::Stdin, b"ab\xffcd".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<stdin>: invalid UTF-8 at byte offset 2 (treatylint reads UTF-8, or UTF-16 with a byte-order mark)"
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Article 1".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(Origin::Stdin, bytes).unwrap().text, "Article 1");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(
            decode(Origin::Stdin, b"PK\x03\x04\0\0".to_vec())
                .unwrap_err()
                .is_binary()
        );
    }
}

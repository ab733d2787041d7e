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

/// Reads one file, or standard input for `-`.
pub fn read(path: &Path) -> Result<Source, InputError> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|error| InputError::Io {
                origin: Origin::Stdin,
                error,
            })?;
        return decode(Origin::Stdin, bytes);
    }
    let origin = Origin::File(path.to_path_buf());
    let bytes = std::fs::read(path).map_err(|error| {
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
    })?;
    decode(origin, bytes)
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

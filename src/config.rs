//! treatylint.toml: found by walking up from the input, or named with `--config`.
//!
//! ```toml
//! select = ["SG-DUALCRIM", "TL102"]   # codes, names, safeguards or categories; default: all stable rules
//! ignore = ["undecided-text"]
//! preview = false                     # run preview rules too
//! [severity]
//! TL106 = "warning"
//! [limits]
//! max-file-size = "64MiB"             # bytes, or with a unit: K, M, G (binary multiples)
//! max-nesting = 500                   # deepest nesting of brackets
//! ```
//!
//! Unknown keys and bad values are errors that name the file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::input::{Limits, parse_size};
use crate::rules::{Selection, Severity};

pub const FILE_NAME: &str = "treatylint.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub preview: bool,
    #[serde(default)]
    pub severity: std::collections::BTreeMap<String, SeverityName>,
    #[serde(default)]
    pub limits: LimitsConfig,
}

/// The `[limits]` table: each key overrides the default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    #[serde(default, deserialize_with = "size")]
    pub max_file_size: Option<u64>,
    pub max_nesting: Option<usize>,
}

impl LimitsConfig {
    /// The limits this table sets over the defaults.
    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_file_size: self.max_file_size.unwrap_or(d.max_file_size),
            max_nesting: self.max_nesting.unwrap_or(d.max_nesting),
        }
    }
}

/// A size: an integer number of bytes or a string with a unit ("64MiB").
fn size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    struct Size;
    impl serde::de::Visitor<'_> for Size {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a size in bytes, or a string such as \"64MiB\"")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            u64::try_from(v)
                .map(Some)
                .map_err(|_| E::custom("a size cannot be negative"))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_size(v).map(Some).map_err(E::custom)
        }
    }
    d.deserialize_any(Size)
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Severity {
        match s {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl Config {
    /// Parses a config file's text.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// The nearest treatylint.toml at or above `start` (a file or directory).
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let abs = std::fs::canonicalize(start).ok()?;
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// The rule selection, with command-line choices added after the file's.
    pub fn selection(&self) -> Selection {
        Selection {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            severity: self
                .severity
                .iter()
                .map(|(k, &v)| (k.clone(), v.into()))
                .collect(),
            preview: self.preview,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_point_at_their_line() {
        let text = "select = [\"TL101\"]\nignor = [\"TL102\"]\n";
        let err = Config::parse(Path::new("treatylint.toml"), text).unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(
            err.message.contains("unknown field `ignor`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn bad_severity_is_an_error() {
        let text = "[severity]\nTL101 = \"fatal\"\n";
        let err = Config::parse(Path::new("t.toml"), text).unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn good_config() {
        let c = Config::parse(
            Path::new("t.toml"),
            "ignore = [\"TL006\"]\n[severity]\nTL106 = \"info\"\n",
        )
        .unwrap();
        let s = c.selection();
        assert_eq!(s.ignore, ["TL006"]);
        assert_eq!(s.severity[0].1, Severity::Info);
    }

    #[test]
    fn limits_take_sizes_with_units_and_point_at_bad_values() {
        let c = Config::parse(
            Path::new("t.toml"),
            "[limits]\nmax-file-size = \"2MiB\"\nmax-nesting = 40\n",
        )
        .unwrap();
        assert_eq!(
            c.limits.limits(),
            Limits {
                max_file_size: 2 * 1024 * 1024,
                max_nesting: 40
            }
        );
        let bytes = Config::parse(Path::new("t.toml"), "[limits]\nmax-file-size = 1000\n").unwrap();
        assert_eq!(bytes.limits.limits().max_file_size, 1000);
        assert_eq!(
            bytes.limits.limits().max_nesting,
            Limits::DEFAULT_MAX_NESTING
        );
        let err = Config::parse(
            Path::new("t.toml"),
            "[limits]\nmax-file-size = \"2 parsecs\"\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 17), "{}", err.message);
        assert!(err.message.contains("unknown size unit"), "{}", err.message);
        let err = Config::parse(Path::new("t.toml"), "[limits]\nmax-depth = 3\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("unknown field `max-depth`"),
            "{}",
            err.message
        );
    }
}

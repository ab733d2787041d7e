//! The command line. Only this module prints; `main` maps its result to the exit code:
//! 0 nothing to report, 1 findings, 2 a usage or input error.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::config::Config;
use crate::input::{self, InputError};
use crate::model::Model;
use crate::render;
use crate::render::check::FileReport;
use crate::render::terminal::Style;
use crate::rules::{self, Selection, Severity};
use crate::syntax::{self, Document, NodeKind};

#[derive(Parser, Debug)]
#[command(
    name = "treatylint",
    version,
    about = "Flags provisions of draft international conventions that lack human-rights safeguards"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check drafts (files or directories of .txt and .md files) and report what is found.
    Check(CheckArgs),
    /// List the rules: code, name, safeguard, severity, status.
    Rules,
    /// Compare two drafts: safeguards dropped, weakened or restored.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Exit with 1 when the new draft weakens a safeguard.
        #[arg(long)]
        fail_on_regression: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Run the language server over standard input and output (for editors).
    Server,
    /// Print a rule's documentation, by code, name or safeguard.
    Rule {
        /// "TL101", "optional-dual-criminality" or "SG-DUALCRIM".
        key: String,
    },
    /// Parse one draft and print its structure.
    Parse {
        /// The file; `-` reads standard input.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ParseFormat::Tree)]
        format: ParseFormat,
        /// With `--format tree`, show the start of each block's text.
        #[arg(long)]
        text: bool,
        /// Print the semantic model: obligations, hedges, references, terms, classes.
        #[arg(long)]
        semantic: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Resource limits, over the defaults and treatylint.toml's `[limits]`.
#[derive(clap::Args, Debug, Default)]
struct LimitArgs {
    /// The largest file to read (bytes, or with a unit: 64MiB, 500K); larger files are
    /// refused with an error. Default 64MiB.
    #[arg(long, value_name = "SIZE", value_parser = input::parse_size)]
    max_file_size: Option<u64>,
    /// The deepest nesting of brackets to accept; deeper texts are refused with an error
    /// naming the line and column. Default 500.
    #[arg(long, value_name = "DEPTH")]
    max_nesting: Option<usize>,
}

impl LimitArgs {
    fn over(&self, base: input::Limits) -> input::Limits {
        input::Limits {
            max_file_size: self.max_file_size.unwrap_or(base.max_file_size),
            max_nesting: self.max_nesting.unwrap_or(base.max_nesting),
        }
    }
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or directories; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Run only these rules (codes, names, safeguards or categories; repeatable).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules (codes, names, safeguards or categories; repeatable).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Change a rule's severity: `--severity TL106=warning` (repeatable).
    #[arg(long, value_parser = parse_severity_override)]
    severity: Vec<(String, Severity)>,
    /// Run preview rules too.
    #[arg(long)]
    preview: bool,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Use this configuration file instead of the nearest treatylint.toml.
    #[arg(long, conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore treatylint.toml files.
    #[arg(long)]
    no_config: bool,
    /// Colour in the terminal output: auto (when writing to a terminal), always, never.
    /// Without colour the output is miette's plain narratable form.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Plain narratable terminal output, for screen readers.
    #[arg(long)]
    narrated: bool,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Print findings only: no summary lines.
    #[arg(long, short)]
    quiet: bool,
    /// After the findings, print counts per rule.
    #[arg(long)]
    statistics: bool,
    /// Suppress the findings this baseline file accepts (keyed by file, rule and path).
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Write a baseline accepting every current finding to this file, and exit 0.
    #[arg(long, conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

fn parse_severity_override(s: &str) -> Result<(String, Severity), String> {
    let (key, level) = s
        .split_once('=')
        .ok_or_else(|| format!("expected RULE=LEVEL, got {s:?}"))?;
    let level = Severity::parse(level)
        .ok_or_else(|| format!("unknown severity {level:?}: use error, warning or info"))?;
    Ok((key.to_string(), level))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CheckFormat {
    /// Source lines with the flagged words underlined (miette).
    Text,
    /// One line per finding: `file:line:column: severity[CODE name]: message`.
    Concise,
    /// JSON, schema treatylint.check/1 (docs/check-json.md).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// A Markdown report for reviewers.
    Markdown,
    /// A self-contained HTML report for reviewers.
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    /// The changes on the drafts' text (miette), then the word-level diffs.
    Text,
    /// One line per change, then the word-level diffs.
    Concise,
    Json,
    Markdown,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ParseFormat {
    Tree,
    Json,
}

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        Command::Parse {
            file,
            format,
            text,
            semantic,
            limits,
        } => parse(
            &mut out,
            file,
            format,
            text,
            semantic,
            limits.over(input::Limits::default()),
        ),
        Command::Check(args) => check(&mut out, &args),
        Command::Rules => rules(&mut out),
        Command::Diff {
            old,
            new,
            format,
            fail_on_regression,
            limits,
        } => diff(
            &mut out,
            &old,
            &new,
            format,
            fail_on_regression,
            limits.over(input::Limits::default()),
        ),
        Command::Server => {
            drop(out);
            return match crate::server::run_stdio() {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    eprintln!("error: language server: {e}");
                    EXIT_ERROR
                }
            };
        }
        Command::Rule { key } => rule(&mut out, &key),
    };
    match result.and_then(|code| out.flush().map(|_| code)) {
        Ok(code) => code,
        // A closed pipe (`treatylint ... | head`) ends the process quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            EXIT_ERROR
        }
    }
}

fn report_error(e: &InputError) {
    // A file name may hold control characters: show them, do not send them to the terminal.
    eprintln!("error: {}", render::visible(&e.to_string()));
}

fn parse(
    out: &mut impl Write,
    file: PathBuf,
    format: ParseFormat,
    text: bool,
    semantic: bool,
    limits: input::Limits,
) -> std::io::Result<i32> {
    let source = match input::read_limited(&file, &limits) {
        Ok(s) => s,
        Err(e) => {
            report_error(&e);
            return Ok(EXIT_ERROR);
        }
    };
    let name = source.origin.to_string();
    let doc = syntax::parse(source.text);
    if semantic {
        let model = Model::build(&doc);
        out.write_all(render::semantic::listing(&doc, &model).as_bytes())?;
        return Ok(EXIT_OK);
    }
    match format {
        ParseFormat::Tree => {
            out.write_all(render::parse::tree(&doc, text).as_bytes())?;
            for p in &doc.problems {
                writeln!(
                    out,
                    "{name}:{}:{}: {}: {}",
                    p.span.line,
                    p.span.column,
                    p.kind.code(),
                    p.message
                )?;
            }
        }
        ParseFormat::Json => out.write_all(render::parse::json(&doc, &name).as_bytes())?,
    }
    Ok(EXIT_OK)
}

/// Counts of the main node kinds, for the summary line.
fn summary(doc: &Document) -> String {
    let count = |k: NodeKind| doc.of_kind(k).count();
    let mut parts = Vec::new();
    for (kind, one, many) in [
        (NodeKind::Instrument, "instrument", "instruments"),
        (NodeKind::Part, "part", "parts"),
        (NodeKind::Chapter, "chapter", "chapters"),
        (NodeKind::Section, "section", "sections"),
        (NodeKind::Article, "article", "articles"),
        (NodeKind::Paragraph, "paragraph", "paragraphs"),
        (NodeKind::Annex, "annex", "annexes"),
        (NodeKind::Footnote, "footnote", "footnotes"),
    ] {
        let n = count(kind);
        if n > 0 || kind == NodeKind::Article {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    parts.join(", ")
}

fn diff(
    out: &mut impl Write,
    old: &std::path::Path,
    new: &std::path::Path,
    format: DiffFormat,
    fail_on_regression: bool,
    limits: input::Limits,
) -> std::io::Result<i32> {
    let read = |p: &std::path::Path| input::read_limited(p, &limits).map_err(|e| report_error(&e));
    let (Ok(a), Ok(b)) = (read(old), read(new)) else {
        return Ok(EXIT_ERROR);
    };
    let selection = Selection::default();
    let old = crate::diff::Side::new(a.origin.to_string(), a.text, &selection);
    let new = crate::diff::Side::new(b.origin.to_string(), b.text, &selection);
    let cmp = crate::diff::compare(&old, &new);
    let text = match format {
        DiffFormat::Text => {
            let style = if std::io::stdout().is_terminal() {
                Style::Colour
            } else {
                Style::Narrated
            };
            render::diff::terminal(&old, &new, &cmp, style)
        }
        DiffFormat::Concise => render::diff::text(&old, &new, &cmp),
        DiffFormat::Json => render::diff::json(&old, &new, &cmp),
        DiffFormat::Markdown => render::diff::markdown(&old, &new, &cmp),
        DiffFormat::Html => render::diff::html(&old, &new, &cmp),
    };
    out.write_all(text.as_bytes())?;
    let regressed = cmp.changes.iter().any(|c| c.kind.is_regression());
    Ok(if fail_on_regression && regressed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn rules(out: &mut impl Write) -> std::io::Result<i32> {
    writeln!(
        out,
        "{:<6} {:<38} {:<13} {:<14} {:<8} status",
        "code", "name", "safeguard", "category", "severity"
    )?;
    for r in rules::all() {
        let m = r.meta();
        writeln!(
            out,
            "{:<6} {:<38} {:<13} {:<14} {:<8} {}",
            m.code,
            m.name,
            m.safeguard.unwrap_or("-"),
            m.category.name(),
            m.severity.name(),
            m.status.name()
        )?;
    }
    Ok(EXIT_OK)
}

fn rule(out: &mut impl Write, key: &str) -> std::io::Result<i32> {
    let Some(m) = rules::find(key) else {
        eprintln!("error: no rule {key:?}; `treatylint rules` lists them");
        return Ok(EXIT_ERROR);
    };
    writeln!(out, "{} {}", m.code, m.name)?;
    writeln!(
        out,
        "safeguard: {} · category: {} · severity: {} · status: {}",
        m.safeguard.unwrap_or("-"),
        m.category.name(),
        m.severity.name(),
        m.status.name()
    )?;
    writeln!(out, "authorities: {}", m.authorities.join("; "))?;
    writeln!(out)?;
    for line in m.doc.lines() {
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
    }
    Ok(EXIT_OK)
}

/// The rule selection and the limits: the config file's, then the command line's.
fn selection(args: &CheckArgs) -> Result<(Selection, input::Limits), String> {
    let config = if args.no_config {
        Config::default()
    } else {
        let path = args.config.clone().or_else(|| {
            let start = args
                .paths
                .iter()
                .find(|p| p.as_path() != std::path::Path::new("-"));
            start.map_or_else(
                || Config::discover(std::path::Path::new(".")),
                |p| Config::discover(p),
            )
        });
        match path {
            Some(p) => Config::load(&p).map_err(|e| e.to_string())?,
            None => Config::default(),
        }
    };
    let limits = args.limits.over(config.limits.limits());
    let mut sel = config.selection();
    sel.select.extend(args.select.iter().cloned());
    sel.ignore.extend(args.ignore.iter().cloned());
    sel.severity.extend(args.severity.iter().cloned());
    sel.preview |= args.preview;
    for key in sel
        .select
        .iter()
        .chain(&sel.ignore)
        .chain(sel.severity.iter().map(|(k, _)| k))
    {
        let known = key == "all"
            || rules::find(key).is_some()
            || rules::all().iter().any(|r| r.meta().category.name() == key);
        if !known {
            return Err(format!(
                "unknown rule {key:?}: `treatylint rules` lists codes, names and safeguards"
            ));
        }
    }
    Ok((sel, limits))
}

/// A checked file: its name, tree and findings.
type Checked = (String, Document, Vec<rules::Finding>);

fn check(out: &mut impl Write, args: &CheckArgs) -> std::io::Result<i32> {
    let (sel, limits) = match selection(args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let (files, errors) = input::expand(&args.paths);
    let mut failed = !errors.is_empty();
    for e in &errors {
        report_error(e);
    }
    let mut checked = Vec::new();
    // Files are read and checked in parallel; results are gathered in the sorted input
    // order, so the output does not depend on scheduling.
    use rayon::prelude::*;
    let results: Vec<Result<Checked, (InputError, bool)>> = files
        .par_iter()
        .map(|file| {
            let source = input::read_limited(file, &limits).map_err(|e| {
                let skip = e.is_binary() && args.paths.iter().all(|p| p != file);
                (e, skip)
            })?;
            let name = source.origin.to_string();
            let doc = syntax::parse(source.text);
            let model = Model::build(&doc);
            let findings = rules::check(&doc, &model, &sel);
            Ok((name, doc, findings))
        })
        .collect();
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err((e, true)) => eprintln!("warning: {e}; skipped"),
            Err((e, false)) => {
                report_error(&e);
                failed = true;
            }
        }
    }
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    if let Some(b) = &baseline {
        let mut remaining = std::collections::BTreeMap::new();
        for (file, doc, findings) in &mut checked {
            b.apply(file, doc, findings, &mut remaining);
        }
        for (e, left) in b.unused(&remaining) {
            eprintln!(
                "warning: baseline entry {} {} \"{}\" matched {} fewer finding(s) than it accepts",
                e.file, e.rule, e.path, left
            );
        }
    }
    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_findings(
            checked
                .iter()
                .map(|(f, d, x)| (f.as_str(), d, x.as_slice())),
        );
        if let Err(e) = write_atomically(path, b.to_json().as_bytes()) {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return Ok(EXIT_ERROR);
        }
        eprintln!(
            "wrote {} baseline entries to {}",
            b.entries.len(),
            path.display()
        );
        return Ok(if failed { EXIT_ERROR } else { EXIT_OK });
    }
    let reports: Vec<FileReport> = checked
        .iter()
        .map(|(file, doc, findings)| FileReport {
            file: file.clone(),
            doc,
            findings,
        })
        .collect();
    let mut report = String::new();
    match args.format {
        CheckFormat::Text | CheckFormat::Concise => {
            let style = if args.narrated {
                Style::Narrated
            } else {
                match args.color {
                    ColorChoice::Always => Style::Colour,
                    ColorChoice::Never => Style::Narrated,
                    ColorChoice::Auto
                        if args.output.is_none() && std::io::stdout().is_terminal() =>
                    {
                        Style::Colour
                    }
                    ColorChoice::Auto => Style::Narrated,
                }
            };
            report = match args.format {
                CheckFormat::Text => render::terminal::render(&reports, style),
                _ => render::check::text(&reports),
            };
            if !args.quiet {
                for r in &reports {
                    let _ = writeln!(
                        report,
                        "{}: {}; {}",
                        render::visible(&r.file),
                        summary(r.doc),
                        counts(r.findings)
                    );
                }
            }
        }
        CheckFormat::Json => report.push_str(&render::check::json(&reports)),
        CheckFormat::Sarif => report.push_str(&render::sarif::sarif(&reports)),
        CheckFormat::Markdown => report.push_str(&render::report::markdown(&reports)),
        CheckFormat::Html => report.push_str(&render::report::html(&reports)),
    }
    if args.statistics {
        report.push_str(&statistics(&reports));
    }
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomically(path, report.as_bytes()) {
                eprintln!("error: {}: cannot write: {e}", path.display());
                return Ok(EXIT_ERROR);
            }
        }
        None => out.write_all(report.as_bytes())?,
    }
    if failed {
        return Ok(EXIT_ERROR);
    }
    let threshold = args.fail_on.threshold();
    let fail = reports.iter().any(|r| {
        r.findings
            .iter()
            .any(|f| f.active() && f.severity >= threshold)
    });
    Ok(if fail { EXIT_FINDINGS } else { EXIT_OK })
}

/// Counts per rule over all files, most frequent first.
fn statistics(reports: &[FileReport]) -> String {
    let mut per: std::collections::BTreeMap<(&str, &str), usize> =
        std::collections::BTreeMap::new();
    for r in reports {
        for f in r.findings.iter().filter(|f| f.active()) {
            *per.entry((f.rule.code, f.rule.name)).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = per.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((code, name), n) in rows {
        let _ = writeln!(out, "{n:>5}  {code} {name}");
    }
    out
}

/// Writes a file through a temporary file in the same directory and a rename, so that a
/// reader never sees a half-written report and a failed run leaves the old one intact.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn counts(findings: &[rules::Finding]) -> String {
    let [e, w, i, suppressed] = render::report::counts(findings);
    let mut s = format!("{e} errors, {w} warnings, {i} info");
    if suppressed > 0 {
        s.push_str(&format!(", {suppressed} suppressed"));
    }
    s
}

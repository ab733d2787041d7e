//! The command line. Only this module prints; `main` maps its result to the exit code:
//! 0 nothing to report, 1 findings, 2 a usage or input error.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::input::{self, InputError};
use crate::model::Model;
use crate::render;
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
    Check {
        /// Files or directories; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
    },
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
        } => parse(&mut out, file, format, text, semantic),
        Command::Check { paths } => check(&mut out, &paths),
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
    eprintln!("error: {e}");
}

fn parse(
    out: &mut impl Write,
    file: PathBuf,
    format: ParseFormat,
    text: bool,
    semantic: bool,
) -> std::io::Result<i32> {
    let source = match input::read(&file) {
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

fn check(out: &mut impl Write, paths: &[PathBuf]) -> std::io::Result<i32> {
    let (files, errors) = input::expand(paths);
    let mut failed = !errors.is_empty();
    for e in &errors {
        report_error(e);
    }
    let mut problems = 0usize;
    for file in files {
        let source = match input::read(&file) {
            Ok(s) => s,
            Err(e) if e.is_binary() && paths.iter().all(|p| p != &file) => {
                eprintln!("warning: {e}; skipped");
                continue;
            }
            Err(e) => {
                report_error(&e);
                failed = true;
                continue;
            }
        };
        let name = source.origin.to_string();
        let doc = syntax::parse(source.text);
        writeln!(out, "{name}: {}", summary(&doc))?;
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
        problems += doc.problems.len();
    }
    if failed {
        return Ok(EXIT_ERROR);
    }
    Ok(if problems > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

//! Synthetic drafts of any size, for benchmarks and resource tests: chapters of ten articles,
//! each with numbered paragraphs, subparagraphs, cross-references, defined terms and the
//! patterns the rules look for, so that every stage does real work at every size.

use std::fmt::Write;

const CAPTIONS: &[&str] = &[
    "Scope of procedural measures",
    "Conditions and safeguards",
    "Production order",
    "Search and seizure of stored data",
    "Real-time collection of traffic data",
    "Mutual legal assistance",
    "Spontaneous information",
    "Protection of personal data",
    "Extradition",
    "Law enforcement cooperation",
];

const BODIES: &[&str] = &[
    "Each State Party shall adopt such legislative and other measures as may be necessary to establish the powers provided for in this chapter for the purpose of specific criminal investigations or proceedings.",
    "Each State Party shall ensure that the powers and procedures provided for in this chapter are subject to conditions and safeguards which shall incorporate the principle of proportionality.",
    "Each State Party shall empower its competent authorities to order a service provider to submit subscriber information, subject to articles {a} and {b}.",
    "Each State Party shall empower its competent authorities to search or similarly access electronic data stored in its territory, as provided in paragraph 1 of this article.",
    "Each State Party shall empower its competent authorities to collect traffic data in real time, and may, where appropriate, require a service provider to keep confidential the fact of the execution of any power.",
    "States Parties shall afford one another the widest measure of mutual legal assistance in investigations, prosecutions and judicial proceedings in relation to any criminal offence.",
    "A State Party may, without prior request, transmit information relating to criminal matters to another State Party in accordance with its domestic law.",
    "A State Party transferring personal data under this Convention shall do so subject to its domestic law and to applicable international law.",
    "Nothing in this Convention shall be interpreted as imposing an obligation to extradite if the request has been made for the purpose of punishing a person on account of that person's race, religion or political opinions.",
    "States Parties shall cooperate closely, including by exchanging information on the identity, whereabouts and activities of persons suspected of “serious crime”.",
];

/// A draft of `articles` articles (plain text, UN layout without page furniture).
pub fn draft(articles: usize) -> String {
    let mut out = String::from(
        "Draft convention on synthetic evidence\n\nArticle 1\nUse of terms\nFor the purposes of this Convention:\n(a) “serious crime” means conduct punishable by a maximum deprivation of liberty of at least four years;\n(b) “service provider” means any entity that provides communication services.\n\n",
    );
    let mut n = 1;
    let mut chapter = 0;
    while n < articles {
        chapter += 1;
        let _ = writeln!(
            out,
            "Chapter {chapter}\nPart {chapter} of the synthetic draft\n"
        );
        for k in 0..10 {
            n += 1;
            if n > articles {
                break;
            }
            let body = BODIES[k]
                .replace("{a}", &(n.saturating_sub(1).max(1)).to_string())
                .replace("{b}", &n.to_string());
            let _ = writeln!(
                out,
                "Article {n}\n{}\n1. {body}\n2. The powers referred to in this article shall be subject to article {}.",
                CAPTIONS[k],
                (n - k).max(1)
            );
            let _ = writeln!(
                out,
                "3. Requests under this article shall contain:\n(a) the identity of the requesting authority;\n(b) a description of the assistance sought.\n"
            );
        }
    }
    out
}

/// A draft of `articles` articles made from a sample draft's own articles, repeated and
/// renumbered (the text before "Article 1" is replaced by a one-line title): a realistic
/// draft of a chosen length, for the language server's re-check benchmark.
pub fn repeated(sample: &str, articles: usize) -> String {
    let start = sample.find("Article 1\n").unwrap_or(0);
    let body = &sample[start..];
    let mut out = String::from("Draft convention (benchmark)\n\n");
    let mut n = 0;
    // A sample without article headings cannot grow: stop after one pass.
    let mut passes = 0;
    while n < articles && passes <= articles {
        passes += 1;
        for line in body.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("Article ")
                && rest.split_whitespace().count() <= 2
                && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                n += 1;
                if n > articles {
                    break;
                }
                let _ = writeln!(out, "Article {n}");
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        if n == 0 {
            break;
        }
    }
    out
}

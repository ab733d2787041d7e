//! Tests about the code base's documentation: generated parts must be current.
//! Regenerate with `TREATYLINT_BLESS=1 cargo test --test docs`.

use std::path::PathBuf;

fn rules_table() -> String {
    let mut t =
        String::from("| code | name | safeguard | category | severity |\n|---|---|---|---|---|\n");
    for r in treatylint::rules::all() {
        let m = r.meta();
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.safeguard.unwrap_or("—"),
            m.category.name(),
            m.severity.name()
        ));
    }
    t
}

#[test]
fn readme_rules_table_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("start marker") + start.len();
    let b = readme.find(end).expect("end marker");
    let want = rules_table();
    if readme[a..b] != want {
        if std::env::var_os("TREATYLINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..a], want, &readme[b..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!(
                "README.md's rules table is stale: run TREATYLINT_BLESS=1 cargo test --test docs"
            );
        }
    }
}

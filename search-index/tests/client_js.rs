//! Runs the browser client's Node tests (tests/js/*.test.mjs) against a
//! fresh export of the fixture corpus.

mod common;

use std::process::Command;

use common::{fixture_corpus, prereq, workspace};
use search_index::{build_index_in_ram, export_static};

#[test]
fn browser_client_node_tests() {
    if !prereq::present(
        prereq::node(),
        "node (Node.js 20+ для тестов клиента поиска)",
    ) {
        return;
    }
    let docs = fixture_corpus();
    let index = build_index_in_ram(&docs).unwrap();
    let dir = tempfile::tempdir().unwrap();
    export_static(&index, &docs, dir.path()).unwrap();
    let js = workspace().join("tests/js");
    let output = Command::new("node")
        .arg("--test")
        .arg(js.join("util.test.mjs"))
        .arg(js.join("client.test.mjs"))
        .arg(js.join("ui.test.mjs"))
        .env("METODIST_SEARCH_EXPORT", dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test failed:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains("# fail 0") && !report.contains("# skipped 7"),
        "{report}"
    );
}

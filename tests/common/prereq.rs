//! Prerequisites of tests that need something outside the repository: Node.js, the
//! source documents in `../shared/seeds`. Missing in CI (`CI` set, as CI services do and
//! `.ci/run` does), that is a failure: a test that quietly skips there tests nothing.
//! Elsewhere the test says that it was skipped and why.

// Each test crate that includes this file uses only some of it.
#![allow(dead_code)]

/// Whether a test that needs `what` may go on: `found`, or else false after saying so;
/// in CI a missing prerequisite panics.
pub fn present(found: bool, what: &str) -> bool {
    if found {
        return true;
    }
    assert!(
        !in_ci(),
        "нет {what}: в CI это ошибка, а не пропуск теста (.ci/run ставит всё нужное)"
    );
    eprintln!("ПРОПУЩЕН: нет {what}");
    false
}

/// Whether the tests run in CI.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Whether Node.js runs here.
pub fn node() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

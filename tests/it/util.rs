//! Test harness in the style of ripgrep's `tests/util.rs`: a site in a fresh temporary
//! folder, the real `metodist` binary run against it, and assertions that print the
//! folder listing and the command's output when they fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_metodist");

/// The folder holding the test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// A site folder in a fresh temporary directory.
pub struct SiteTest {
    // Kept alive for the lifetime of the test; removed on drop.
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

/// A site with the basic fixture's registries (`data/`) and only `files` (path, text).
pub fn site_with(files: &[(&str, &str)]) -> SiteTest {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    for (rel, text) in files {
        site.create(rel, text);
    }
    site
}

/// The status class (`achieved`, `not-achieved`…) of indicator `id` on a built page.
pub fn status(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"ind-{id}\""))
        .unwrap_or_else(|| panic!("no indicator {id}"));
    let row_end = at + html[at..].find("</tr>").expect("a closed row");
    let row = &html[at..row_end];
    let from = row.find("status-").expect("a status class") + "status-".len();
    row[from..]
        .split(|c: char| c == '"' || c.is_whitespace())
        .next()
        .unwrap_or_default()
        .to_string()
}

impl SiteTest {
    /// An empty site folder.
    pub fn new() -> SiteTest {
        let tmp = tempfile::Builder::new()
            .prefix("metodist-it-")
            .tempdir()
            .expect("create temp dir");
        let root = tmp.path().join("site");
        std::fs::create_dir(&root).expect("create site dir");
        SiteTest { _tmp: tmp, root }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> SiteTest {
        let site = SiteTest::new();
        copy_dir(&fixtures().join(name), &site.root);
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `<site>/<rel>`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a text file (parent folders are created).
    pub fn create(&self, rel: &str, text: &str) {
        self.create_bytes(rel, text.as_bytes());
    }

    /// Writes a file with exactly these bytes.
    pub fn create_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
    }

    /// Copies `tests/fixtures/<fixture>/<rel>` (file or folder) into the same place here.
    pub fn copy_from_fixture(&self, fixture: &str, rel: &str) {
        let from = fixtures().join(fixture).join(rel);
        let to = self.path(rel);
        if from.is_dir() {
            copy_dir(&from, &to);
        } else {
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&from, &to).unwrap();
        }
    }

    /// Reads a text file of the site; panics with the listing if it is missing.
    pub fn read(&self, rel: &str) -> String {
        let p = self.path(rel);
        match std::fs::read(&p) {
            Ok(b) => String::from_utf8(b).unwrap_or_else(|_| panic!("{rel} is not UTF-8")),
            Err(e) => panic!("cannot read {rel}: {e}\n\n{}", self.listing()),
        }
    }

    /// Every file under the site folder, one relative path a line.
    pub fn listing(&self) -> String {
        let mut s = format!("listing of {}:\n", self.root.display());
        for rel in list_files(&self.root) {
            let _ = writeln!(s, "  {rel}");
        }
        s
    }

    /// A `metodist` command with the given arguments; `{site}` in an argument is replaced
    /// by the site folder.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        let root = self.root.to_string_lossy();
        for a in args {
            c.arg(a.replace("{site}", &root));
        }
        c.current_dir(&self.root);
        c.stdin(Stdio::null());
        c
    }

    /// Runs `metodist` with `args` and waits for it.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self
            .cmd(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
        Output {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            listing: self.listing(),
        }
    }

    /// `metodist build <site> -o <site>/public`, which must succeed.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build", "{site}", "-o", "{site}/public"]);
        out.assert_code(0);
        out
    }

    /// Panics (with the listing) unless `rel` is an existing file.
    pub fn assert_file(&self, rel: &str) {
        if !self.path(rel).is_file() {
            panic!("expected file {rel} to exist\n\n{}", self.listing());
        }
    }

    /// Panics (with the listing) if `rel` exists.
    pub fn assert_no_file(&self, rel: &str) {
        if self.path(rel).exists() {
            panic!("expected {rel} NOT to exist\n\n{}", self.listing());
        }
    }

    /// Panics unless the file `rel` contains `needle`; prints the file on failure.
    pub fn assert_contains(&self, rel: &str, needle: &str) {
        let text = self.read(rel);
        if !text.contains(needle) {
            panic!("expected {rel} to contain\n    {needle}\n--- {rel} ---\n{text}\n--- end ---");
        }
    }

    /// Panics if the file `rel` contains `needle`.
    pub fn assert_not_contains(&self, rel: &str, needle: &str) {
        let text = self.read(rel);
        if text.contains(needle) {
            panic!(
                "expected {rel} NOT to contain\n    {needle}\n--- {rel} ---\n{text}\n--- end ---"
            );
        }
    }

    /// Every file under `rel` (a folder of the site) with its bytes.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let dir = self.path(rel);
        list_files(&dir)
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    }
}

/// The result of one run of the binary.
pub struct Output {
    /// The arguments, for messages.
    pub args: Vec<String>,
    /// Exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The site listing after the run.
    pub listing: String,
}

impl Output {
    /// Everything known about the run, for a failure message.
    pub fn describe(&self) -> String {
        format!(
            "command: metodist {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}\n--- end ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr,
            self.listing
        )
    }

    /// Panics unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) -> &Output {
        if self.code != Some(code) {
            panic!("expected exit code {code}\n{}", self.describe());
        }
        self
    }

    /// Panics unless stderr contains `needle`.
    pub fn assert_stderr_contains(&self, needle: &str) -> &Output {
        if !self.stderr.contains(needle) {
            panic!(
                "expected stderr to contain\n    {needle}\n{}",
                self.describe()
            );
        }
        self
    }

    /// Panics if stderr contains `needle`.
    pub fn assert_stderr_lacks(&self, needle: &str) -> &Output {
        if self.stderr.contains(needle) {
            panic!(
                "expected stderr NOT to contain\n    {needle}\n{}",
                self.describe()
            );
        }
        self
    }

    /// Panics unless stdout contains `needle`.
    pub fn assert_stdout_contains(&self, needle: &str) -> &Output {
        if !self.stdout.contains(needle) {
            panic!(
                "expected stdout to contain\n    {needle}\n{}",
                self.describe()
            );
        }
        self
    }
}

/// Relative paths (with `/`) of every file under `dir`, sorted; hidden files included.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Decodes the HTML character references that may appear in an attribute value.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if entity.starts_with("#x") || entity.starts_with("#X") => {
                u32::from_str_radix(&entity[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if entity.starts_with('#') => entity[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Values of the attributes `attr` (e.g. `href`) in `html`, entity-decoded, in order.
/// Simple string scanning: `attr="…"` or `attr='…'` preceded by whitespace.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let pat = format!("{attr}=");
    let mut from = 0;
    while let Some(i) = html[from..].find(&pat) {
        let at = from + i;
        from = at + pat.len();
        let before = html[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = &html[from..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(end) = rest[1..].find(quote) else {
            continue;
        };
        out.push(decode_entities(&rest[1..1 + end]));
        from += end + 2;
    }
    out
}

/// Minimal percent-decoding of a URL path (UTF-8).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves a relative `href` written in the file `from` (a path relative to the output
/// root) into a path relative to the output root; `None` if it climbs above the root.
/// The query and fragment are dropped.
pub fn resolve_href(from: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap_or("");
    let path = percent_decode(path);
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') || path.is_empty() {
        // A folder link: keep the trailing slash so the caller can see it is a folder.
        joined.push('/');
    }
    Some(joined)
}

/// xorshift64*: small, deterministic, good enough to pick mutations.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

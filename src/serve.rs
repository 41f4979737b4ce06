//! The dev server: serves the output folder on 127.0.0.1, rebuilds on change, reloads
//! open pages, and shows build errors in the browser until they are fixed.
//!
//! State is owned here and shared by `Arc`: the build version (pages poll it to reload)
//! and the last build's errors. Nothing is global.

use crate::build::{build_incremental as build, BuildOptions};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// The script every HTML page gets while served: it polls the build version and reloads.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var v=null;function t(){fetch("/__metodist/version",{cache:"no-store"}).then(function(r){return r.text()}).then(function(x){if(v!==null&&x!==v){location.reload()}v=x}).catch(function(){}).then(function(){setTimeout(t,500)})}t()})();</script>"#;

/// Shared state of a running server.
#[derive(Default)]
pub struct State {
    version: AtomicU64,
    errors: Mutex<Option<String>>,
}

impl State {
    /// The build version; it grows by one with each build, good or bad.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }
}

/// A running server.
pub struct Server {
    /// The address it listens on.
    pub addr: std::net::SocketAddr,
    /// Its state.
    pub state: Arc<State>,
}

/// Builds once, reports, and records the outcome in `state`.
pub fn rebuild(opts: &BuildOptions, state: &State) {
    match build(opts) {
        Ok(report) => {
            let text = report.diags.report();
            if !text.is_empty() {
                eprint!("{text}");
            }
            *lock(&state.errors) = report.failed().then_some(text);
            if !report.failed() {
                eprintln!("пересобрано за {} мс", report.elapsed.as_millis());
            }
        }
        Err(e) => {
            let text = format!("ошибка: {e:#}");
            eprintln!("{text}");
            *lock(&state.errors) = Some(text);
        }
    }
    state.version.fetch_add(1, Ordering::SeqCst);
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicked handler must not take the server down with it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts the HTTP server on 127.0.0.1:`port` (0 picks a free port) in background threads.
pub fn start(out: PathBuf, port: u16, state: Arc<State>, workers: usize) -> Result<Server> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow::anyhow!("не удалось открыть порт {port}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("сервер слушает не IP-адрес")?;
    let server = Arc::new(server);
    for _ in 0..workers.max(1) {
        let (server, state, out) = (server.clone(), state.clone(), out.clone());
        std::thread::spawn(move || {
            for req in server.incoming_requests() {
                let resp = respond(&out, &state, req.url());
                let _ = req.respond(resp);
            }
        });
    }
    Ok(Server { addr, state })
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid ASCII header")
}

fn respond(out: &Path, state: &State, url: &str) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__metodist/version" {
        return tiny_http::Response::from_string(state.version().to_string())
            .with_header(header("Cache-Control", "no-store"));
    }
    if path == "/api/search" {
        return api_search(out, url);
    }
    let Some(file) = resolve(out, path) else {
        return tiny_http::Response::from_string("запрещено").with_status_code(403);
    };
    let file = if file.is_dir() {
        file.join("index.html")
    } else {
        file
    };
    match std::fs::read(&file) {
        Ok(bytes) => {
            let mime = mime(&file);
            let bytes = if mime.starts_with("text/html") {
                inject(bytes, lock(&state.errors).as_deref())
            } else {
                bytes
            };
            tiny_http::Response::from_data(bytes)
                .with_header(header("Content-Type", mime))
                .with_header(header("Cache-Control", "no-store"))
        }
        Err(_) => {
            let body =
                std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            tiny_http::Response::from_data(inject(body, lock(&state.errors).as_deref()))
                .with_status_code(404)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
        }
    }
}

/// `/api/search?q=…&district=…`: the same answer as `metodist search --json`.
fn api_search(out: &Path, url: &str) -> Response {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let mut q = String::new();
    let mut filters = Vec::new();
    let mut limit = 10;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_encoding::percent_decode_str(&v.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        match k {
            "q" => q = v,
            "limit" => limit = v.parse().unwrap_or(10).min(100),
            _ => filters.push((k.to_string(), v)),
        }
    }
    let result = search_index::open_index(&crate::search::index_dir(out))
        .and_then(|index| search_index::search(&index, &q, &filters, limit));
    match result.map(|r| serde_json::to_vec(&r)) {
        Ok(Ok(body)) => tiny_http::Response::from_data(body)
            .with_header(header("Content-Type", "application/json; charset=utf-8")),
        Ok(Err(e)) => tiny_http::Response::from_string(e.to_string()).with_status_code(500),
        Err(e) => {
            tiny_http::Response::from_string(format!("поиск недоступен: {e}")).with_status_code(503)
        }
    }
}

/// Maps a URL path to a file inside `out`, or `None` if it would leave `out`.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut path = out.to_path_buf();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => path.push(c),
            Component::CurDir => {}
            // `..`, a root or a drive prefix can only mean escaping the output folder.
            _ => return None,
        }
    }
    // Symlinks inside the output could still point outside it.
    if let (Ok(real), Ok(root)) = (path.canonicalize(), out.canonicalize()) {
        if !real.starts_with(root) {
            return None;
        }
    }
    Some(path)
}

fn mime(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script and, after a failed build, the errors at the top of the page.
fn inject(html: Vec<u8>, errors: Option<&str>) -> Vec<u8> {
    let mut s = String::from_utf8_lossy(&html).into_owned();
    let mut add = String::from(RELOAD_SCRIPT);
    if let Some(e) = errors {
        add.push_str(&format!(
            "<div id=\"metodist-errors\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;background:#fff0f0;color:#600;border-bottom:3px solid #c00;padding:1em;z-index:9999;font:14px/1.4 monospace;white-space:pre-wrap\"><strong>Сборка не удалась — показана прежняя версия.</strong>\n{}</div>",
            crate::markdown::html_escape(e)
        ));
    }
    match s.rfind("</body>") {
        Some(i) => s.insert_str(i, &add),
        None => s.push_str(&add),
    }
    s.into_bytes()
}

/// Watches the site's sources and calls `on_change` after each burst of changes.
pub fn watch(
    root: &Path,
    on_change: impl Fn() + Send + 'static,
) -> Result<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if let Ok(ev) = ev {
            if !matches!(ev.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(());
            }
        }
    })?;
    for dir in ["content", "data", "templates", "static"] {
        let p = root.join(dir);
        if p.is_dir() {
            watcher.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    let config = root.join("metodist.toml");
    if config.is_file() {
        watcher.watch(&config, RecursiveMode::NonRecursive)?;
    }
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Editors save in several steps; wait for the burst to end.
            while rx.recv_timeout(Duration::from_millis(60)).is_ok() {}
            on_change();
        }
    });
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let out = Path::new("/tmp/site-out");
        for bad in [
            "/../etc/passwd",
            "/a/../../etc",
            "/%2e%2e/etc/passwd",
            "/..%2fetc",
            "/a%5c..%5c..",
            "/%00",
            "/..\\etc\\passwd",
            "/%2E%2E/etc/passwd",
            "/a/%2e%2e/%2e%2e/etc",
            "/%c0%ae%c0%ae/etc/passwd",
            "/%ff",
            "http://localhost/../etc/passwd",
        ] {
            assert_eq!(resolve(out, bad), None, "{bad}");
        }
        assert_eq!(resolve(out, "/practices/a/"), Some(out.join("practices/a")));
        // Decoded once: a folder literally named `%2e%2e` inside the output.
        assert_eq!(
            resolve(out, "/%252e%252e/x"),
            Some(out.join("%2e%2e").join("x"))
        );
        // Leading slashes never make a path absolute.
        assert_eq!(resolve(out, "//etc/passwd"), Some(out.join("etc/passwd")));
        assert_eq!(
            resolve(out, "/%D0%BF%D0%BB%D0%B0%D0%BD/"),
            Some(out.join("план"))
        );
    }

    #[test]
    fn the_server_binds_to_loopback() {
        let dir = std::env::temp_dir();
        let server = start(dir, 0, Arc::new(State::default()), 1).expect("start");
        assert_eq!(
            server.addr.ip(),
            std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
        );
    }
}

//! The dev server: serves the output folder on 127.0.0.1, rebuilds on change, reloads
//! open pages, and shows build errors in the browser until they are fixed.
//!
//! State is owned here and shared by `Arc`: the build version (pages poll it to reload)
//! and the last build's errors. Nothing is global.

pub mod scratch;

use crate::build::{BuildOptions, Builder};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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
    /// The search engine of the current index and the index version it was opened
    /// for: opening one loads the vocabulary and facets (tens of milliseconds at
    /// 10,000 pages), so it is kept until the index changes.
    engine: Mutex<Option<(IndexStamp, Arc<search_index::SearchEngine>)>>,
}

/// When and how big the index's `meta.json` was: it is rewritten by every commit.
type IndexStamp = (std::time::SystemTime, u64);

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

/// The builder of a served site: it keeps its work between rebuilds, and is shared by
/// the watcher, which rebuilds with it, and whatever stops serve, which waits for it.
pub type SharedBuilder = Arc<Mutex<Builder>>;

/// A builder that remembers its work and rebuilds the search index in the background.
pub fn builder(opts: &BuildOptions) -> SharedBuilder {
    Arc::new(Mutex::new(
        Builder::incremental(opts.clone()).search_in_background(true),
    ))
}

/// Builds once, reports, and records the outcome in `state`.
pub fn rebuild(builder: &SharedBuilder, state: &State) {
    let result = lock(builder).build();
    match result {
        Ok(report) => {
            let text = report.diags.report();
            if !text.is_empty() {
                crate::term::err(&text);
            }
            *lock(&state.errors) = report.failed().then_some(text);
            if !report.failed() {
                crate::errln!("пересобрано за {} мс", report.elapsed.as_millis());
            }
        }
        Err(e) => {
            let text = format!("ошибка: {e:#}");
            crate::errln!("{text}");
            *lock(&state.errors) = Some(text);
        }
    }
    state.version.fetch_add(1, Ordering::SeqCst);
}

/// Waits until no build or background index writes into the output, then runs `stop`
/// (which ends the process) with the builder held, so that none starts again.
pub fn stop_when_idle(builder: &SharedBuilder, stop: impl FnOnce()) {
    let mut b = lock(builder);
    let _ = b.wait();
    stop();
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicked handler must not take the server down with it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// How long a kept-alive connection may wait for its next request; then it is closed
/// (a browser opens a new one when it needs it).
const IDLE: Duration = Duration::from_secs(30);

/// The longest request head (request line and headers) accepted.
const MAX_HEAD: u64 = 16 * 1024;

/// Starts the HTTP server on 127.0.0.1:`port` (0 picks a free port) in background threads.
///
/// Each connection gets its own thread for as long as it stays open. A browser opens
/// several connections at once and keeps them alive between requests; a fixed pool of
/// connection threads can have all of them parked on idle connections while a new one
/// waits unread (tiny_http's pool did that, and a page then waited forever for a file).
pub fn start(out: PathBuf, port: u16, state: Arc<State>) -> Result<Server> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| bind_error(port, &e))?;
    let addr = listener.local_addr().context("адрес сервера")?;
    let shared = state.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else {
                // Out of file descriptors, most likely: let some connections close.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            };
            let (out, state) = (out.clone(), shared.clone());
            // If no thread can be made, the connection is dropped and the client retries.
            let _ = std::thread::Builder::new()
                .name("serve-conn".into())
                .spawn(move || {
                    let _ = serve_connection(stream, &out, &state);
                });
        }
    });
    Ok(Server { addr, state })
}

/// Why the port could not be opened, in Russian.
fn bind_error(port: u16, e: &std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind;
    anyhow::anyhow!(match e.kind() {
        ErrorKind::AddrInUse => {
            format!("порт {port} занят: запустите с --port 0 или другим номером")
        }
        ErrorKind::PermissionDenied =>
            format!("нет прав открыть порт {port}: выберите номер больше 1024 или --port 0"),
        ErrorKind::AddrNotAvailable => {
            "адрес 127.0.0.1 недоступен на этом компьютере".to_string()
        }
        _ => format!(
            "не удалось открыть порт {port} (код ошибки системы: {})",
            e.raw_os_error()
                .map_or_else(|| "нет".to_string(), |c| c.to_string())
        ),
    })
}

/// A request as far as the server needs it.
struct Request {
    method: String,
    target: String,
    /// The client may send another request on this connection after the answer.
    keep_alive: bool,
}

/// Answers the requests of one connection until the client closes it, asks to, sends
/// something that is not a GET without a body, or stays idle longer than [`IDLE`].
fn serve_connection(stream: TcpStream, out: &Path, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let (resp, keep_alive, head_only) = match read_request(&mut reader)? {
            None => return Ok(()),
            Some(Err(resp)) => (resp, false, false),
            Some(Ok(req)) => match req.method.as_str() {
                "GET" | "HEAD" => (
                    respond(out, state, &req.target),
                    req.keep_alive,
                    req.method == "HEAD",
                ),
                _ => (
                    Response::text(405, "метод не поддерживается").header("Allow", "GET, HEAD"),
                    false,
                    false,
                ),
            },
        };
        resp.write(&mut writer, keep_alive, head_only)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Reads one request head. `None`: the connection ended before a request began.
/// `Some(Err(response))`: a malformed request, answered with `response` and closed.
fn read_request(reader: &mut impl BufRead) -> std::io::Result<Option<Result<Request, Response>>> {
    let mut head = Vec::new();
    let mut limited = reader.take(MAX_HEAD);
    // The head ends with an empty line; empty lines before the request line are skipped.
    loop {
        let start = head.len();
        if limited.read_until(b'\n', &mut head)? == 0 {
            return if head.iter().all(|b| b.is_ascii_whitespace()) {
                Ok(None)
            } else {
                Ok(Some(Err(Response::text(400, "неполный запрос"))))
            };
        }
        if !head.ends_with(b"\n") {
            return Ok(Some(Err(Response::text(431, "слишком длинный запрос"))));
        }
        let line = &head[start..];
        if line == b"\r\n" || line == b"\n" {
            if head[..start].iter().all(|b| b.is_ascii_whitespace()) {
                head.clear();
                continue;
            }
            break;
        }
    }
    let Ok(head) = std::str::from_utf8(&head) else {
        return Ok(Some(Err(Response::text(400, "запрос не в UTF-8"))));
    };
    let mut lines = head.lines();
    let mut words = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return Ok(Some(Err(Response::text(400, "неверная строка запроса"))));
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => {
            return Ok(Some(Err(Response::text(
                505,
                "поддерживается HTTP/1.0 и 1.1",
            ))))
        }
    };
    let mut keep_alive = http11;
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Ok(Some(Err(Response::text(400, "неверный заголовок"))));
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" if value.contains("close") => keep_alive = false,
            "connection" if value.contains("keep-alive") => keep_alive = true,
            // A body is never expected: after one, the next request's start is unknown.
            "content-length" if value != "0" => keep_alive = false,
            "transfer-encoding" => keep_alive = false,
            _ => {}
        }
    }
    Ok(Some(Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    })))
}

/// A response: status, headers, the whole body.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    fn header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }

    fn write(&self, w: &mut impl Write, keep_alive: bool, head_only: bool) -> std::io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            431 => "Request Header Fields Too Large",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            505 => "HTTP Version Not Supported",
            _ => "",
        };
        let mut head = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        head.push_str(if keep_alive {
            "Connection: keep-alive\r\n\r\n"
        } else {
            "Connection: close\r\n\r\n"
        });
        let mut bytes = head.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        w.write_all(&bytes)?;
        w.flush()
    }
}

fn respond(out: &Path, state: &State, url: &str) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__metodist/version" {
        return Response::text(200, &state.version().to_string())
            .header("Cache-Control", "no-store");
    }
    if path == "/api/search" {
        return api_search(out, state, url);
    }
    let Some(file) = resolve(out, path) else {
        return Response::text(403, "запрещено");
    };
    let file = if file.is_dir() {
        file.join("index.html")
    } else {
        file
    };
    // The folder was checked; the page in it may be a link leading out.
    if !inside(out, &file) {
        return Response::text(403, "запрещено");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let mime = mime(&file);
            let bytes = if mime.starts_with("text/html") {
                inject(bytes, lock(&state.errors).as_deref())
            } else {
                bytes
            };
            Response::new(200, mime, bytes).header("Cache-Control", "no-store")
        }
        Err(_) => {
            let page = out.join("404.html");
            let body = match inside(out, &page) {
                true => std::fs::read(&page).unwrap_or_else(|_| b"not found".to_vec()),
                false => b"not found".to_vec(),
            };
            let body = inject(body, lock(&state.errors).as_deref());
            Response::new(404, "text/html; charset=utf-8", body)
        }
    }
}

/// `/api/search?q=…&district=…`: the same answer as `metodist search --json`.
fn api_search(out: &Path, state: &State, url: &str) -> Response {
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
    let result = engine(out, state).and_then(|e| e.search(&q, &filters, limit));
    match result.map(|r| serde_json::to_vec(&r)) {
        Ok(Ok(body)) => Response::new(200, "application/json; charset=utf-8", body),
        Ok(Err(e)) => Response::text(500, &e.to_string()),
        Err(e) => Response::text(503, &format!("поиск недоступен: {e}")),
    }
}

/// The search engine for the index in `out`, opened again only when the index changed.
fn engine(
    out: &Path,
    state: &State,
) -> Result<Arc<search_index::SearchEngine>, search_index::SearchError> {
    let dir = crate::search::index_dir(out);
    let stamp = std::fs::metadata(dir.join("meta.json"))
        .ok()
        .and_then(|m| Some((m.modified().ok()?, m.len())));
    let mut cached = lock(&state.engine);
    if let (Some(now), Some((was, engine))) = (stamp, cached.as_ref()) {
        if now == *was {
            return Ok(engine.clone());
        }
    }
    let engine = Arc::new(search_index::SearchEngine::new(&search_index::open_index(
        &dir,
    )?)?);
    *cached = stamp.map(|s| (s, engine.clone()));
    Ok(engine)
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
    inside(out, &path).then_some(path)
}

/// Whether `path`, if it exists, really lies inside `out` (links followed).
fn inside(out: &Path, path: &Path) -> bool {
    match (path.canonicalize(), out.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        // Missing: answered as missing.
        _ => true,
    }
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
mod tests;

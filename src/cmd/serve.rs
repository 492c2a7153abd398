//! `serve`: the web page and JSON API over a store.

use dragoman::serve::Server;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The store (opened read-only).
    #[arg(long, default_value = dragoman::store::DEFAULT_DB)]
    pub db: PathBuf,
    /// Address to listen on; loopback by default, so that only this machine can ask.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Worker threads, each with its own read-only connection to the store.
    #[arg(long, default_value_t = 8)]
    pub workers: usize,
}

pub fn run(a: Args) -> Result<ExitCode, String> {
    let addr = if a.bind.contains(':') {
        format!("[{}]:{}", a.bind, a.port)
    } else {
        format!("{}:{}", a.bind, a.port)
    };
    let server = Server::bind(&addr, &a.db, a.workers)?;
    // The tests and scripts read this line to learn the port (`--port 0` picks a free one).
    println!(
        "serving {} on http://{}/",
        a.db.display(),
        server.local_addr()?
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
    server.run()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct BenchArgs {
    /// The store to serve.
    #[arg(long, default_value = dragoman::store::DEFAULT_DB)]
    pub db: PathBuf,
    /// Requests in all.
    #[arg(long, default_value_t = 20_000)]
    pub requests: usize,
    /// Clients asking at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Server worker threads.
    #[arg(long, default_value_t = 8)]
    pub workers: usize,
    /// The request target.
    #[arg(long, default_value = "/api/events?limit=50")]
    pub path: String,
}

/// One request on a fresh connection; true if the answer was a whole 200.
fn ask(addr: std::net::SocketAddr, request: &[u8]) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    let mut body = Vec::new();
    s.write_all(request).is_ok()
        && s.read_to_end(&mut body).is_ok()
        && body.starts_with(b"HTTP/1.1 200 ")
        && body.windows(4).any(|w| w == b"\r\n\r\n")
}

/// Serve the store in this process on a free loopback port and load it from `concurrency`
/// client threads.
pub fn run_bench(a: BenchArgs) -> Result<ExitCode, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let server = Server::bind("127.0.0.1:0", &a.db, a.workers)?;
    let addr = server.local_addr()?;
    std::thread::spawn(move || server.run());
    let request = format!("GET {} HTTP/1.1\r\nHost: {addr}\r\n\r\n", a.path).into_bytes();
    if !ask(addr, &request) {
        return Err(format!("GET {} does not answer 200", a.path));
    }
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let start = std::time::Instant::now();
    let clients: Vec<_> = (0..a.concurrency.max(1))
        .map(|_| {
            let (next, errors, request) = (next.clone(), errors.clone(), request.clone());
            let total = a.requests;
            std::thread::spawn(move || {
                while next.fetch_add(1, Ordering::Relaxed) < total {
                    if !ask(addr, &request) {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for c in clients {
        c.join().map_err(|_| "a client thread failed".to_string())?;
    }
    let secs = start.elapsed().as_secs_f64();
    let errors = errors.load(Ordering::Relaxed);
    println!(
        "serve: {} requests of GET {} from {} clients in {:.2} s: {:.0} requests/s, {} errors",
        a.requests,
        a.path,
        a.concurrency,
        secs,
        a.requests as f64 / secs,
        errors
    );
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

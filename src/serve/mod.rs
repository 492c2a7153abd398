//! `dragoman serve`: a read-only HTTP server over a store — the web page at `/` and a JSON
//! API under `/api/` (described by `/api/openapi.json`).
//!
//! One accepting thread hands connections over a bounded queue to a fixed pool of workers,
//! each with its own read-only [`Store`]. A connection carries one request ([`http`]), read
//! within size bounds and a timeout, answered by [`api::handle`], then closed.
//!
//! Architecture invariant: the server never writes to the store (it opens it read-only), and
//! every resource a client can make it spend is bounded — request line and header bytes,
//! time per read and write, page size (`limit` ≤ [`api::MAX_LIMIT`]), worker threads and
//! queued connections.

pub mod api;
pub mod http;

use crate::store::Store;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a client may take to send its request, or to take the answer.
pub const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections waiting for a worker before new ones are turned away with 503.
pub const QUEUE: usize = 256;

/// A server ready to run: the listener is bound and every worker has opened the store, so
/// errors (port taken, missing store) come out of [`Server::bind`], not later.
pub struct Server {
    listener: TcpListener,
    queue: SyncSender<TcpStream>,
}

impl Server {
    /// Bind `addr` (e.g. `127.0.0.1:8080`; port 0 picks a free one) and start `workers`
    /// threads over the store at `db`.
    pub fn bind(addr: &str, db: &Path, workers: usize) -> Result<Server, String> {
        let workers = workers.max(1);
        let stores = (0..workers)
            .map(|_| Store::open_read_only(db))
            .collect::<Result<Vec<_>, _>>()?;
        let listener = TcpListener::bind(addr).map_err(|e| format!("binding {addr}: {e}"))?;
        let (tx, rx) = sync_channel::<TcpStream>(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        for store in stores {
            let rx = Arc::clone(&rx);
            std::thread::spawn(move || worker(store, rx));
        }
        Ok(Server {
            listener,
            queue: tx,
        })
    }

    pub fn local_addr(&self) -> Result<std::net::SocketAddr, String> {
        self.listener.local_addr().map_err(|e| e.to_string())
    }

    /// Accept connections for ever (until the process ends).
    pub fn run(self) -> Result<(), String> {
        for conn in self.listener.incoming() {
            let Ok(stream) = conn else { continue };
            match self.queue.try_send(stream) {
                Ok(()) => {}
                Err(TrySendError::Full(stream)) => {
                    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
                    let _ = http::write_response(
                        &stream,
                        &http::Response::error(503, "server busy, try again"),
                    );
                }
                Err(TrySendError::Disconnected(_)) => {
                    return Err("every server worker has stopped".into())
                }
            }
        }
        Ok(())
    }
}

fn worker(store: Store, rx: Arc<Mutex<Receiver<TcpStream>>>) {
    loop {
        let next = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(stream) = next else { return };
        serve_one(&store, stream);
    }
}

fn serve_one(store: &Store, stream: TcpStream) {
    if stream.set_read_timeout(Some(IO_TIMEOUT)).is_err()
        || stream.set_write_timeout(Some(IO_TIMEOUT)).is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    let resp = match http::read_request(&stream) {
        Ok(req) => {
            let mut resp = api::handle(store, &req);
            if req.method == "HEAD" {
                resp.body.clear();
            }
            resp
        }
        Err(e) => match e.response() {
            Some(r) => r,
            None => return,
        },
    };
    // A client that hangs up early is no concern of ours.
    let _ = http::write_response(&stream, &resp);
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

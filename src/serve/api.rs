//! Routing: a request and a read-only store in, a response out. Every parameter is checked
//! here (unknown names, bad values, a `limit` over [`MAX_LIMIT`] are 400s); the store binds
//! the values as SQL parameters.

use super::http::{Request, Response};
use crate::event::PloverType;
use crate::read::date::is_valid_date;
use crate::store::{EventQuery, Store, StoredEvent};
use serde_json::json;

/// The largest page `/api/events` (and the list endpoints) will return; more is refused.
pub const MAX_LIMIT: u64 = 500;
/// Matches counted for `total` at most (a bounded cost per request on a large store).
pub const MAX_COUNT: u64 = 10_000;
/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 50;

const PAGE: &str = include_str!("page.html");
const OPENAPI: &str = include_str!("openapi.json");
const WORLD: &str = include_str!("../../data/world-atlas/countries-110m.json");

/// Answer one request.
pub fn handle(store: &Store, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return Response::error(405, "only GET is served");
    }
    let path = req.path.as_str();
    let result = match path {
        "/" | "/index.html" => return text(page_html(), "text/html; charset=utf-8"),
        "/api/openapi.json" => return text(OPENAPI, "application/json"),
        "/world-110m.json" => return text(WORLD, "application/json"),
        "/api/events" => return events(store, &req.query).unwrap_or_else(|r| r),
        "/api/storylines" => page(&req.query).and_then(|(limit, offset)| {
            let s = store.storylines(Some(limit), offset).map_err(internal)?;
            Ok(json!({ "storylines": s }))
        }),
        "/api/actors" => page(&req.query).and_then(|(limit, offset)| {
            let a = store.actors(Some(limit), offset).map_err(internal)?;
            Ok(json!({ "actors": a }))
        }),
        _ => {
            if let Some(id) = path.strip_prefix("/api/events/").filter(|s| !s.is_empty()) {
                event(store, id)
            } else if let Some(id) = path
                .strip_prefix("/api/documents/")
                .filter(|s| !s.is_empty())
            {
                document(store, id)
            } else {
                Err(Response::error(404, &format!("no such resource {path:?}")))
            }
        }
    };
    match result {
        Ok(v) => Response::json(200, &v),
        Err(r) => r,
    }
}

/// The page, with the event types of this build filled in.
fn page_html() -> &'static str {
    static HTML: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HTML.get_or_init(|| {
        let types: Vec<&str> = PloverType::ALL.iter().map(|t| t.as_str()).collect();
        PAGE.replace("/*PLOVER_TYPES*/[]", &json!(types).to_string())
    })
}

fn text(body: &'static str, content_type: &'static str) -> Response {
    Response {
        status: 200,
        content_type,
        body: body.as_bytes().to_vec(),
    }
}

fn internal(e: String) -> Response {
    Response::error(500, &e)
}

fn bad(m: String) -> Response {
    Response::error(400, &m)
}

/// `limit` and `offset`, checked; any other parameter is refused.
fn page(params: &[(String, String)]) -> Result<(u64, u64), Response> {
    let mut limit = DEFAULT_LIMIT;
    let mut offset = 0;
    for (k, v) in params {
        match k.as_str() {
            "limit" => limit = parse_limit(v)?,
            "offset" => offset = parse_num(k, v)?,
            _ => return Err(bad(format!("unknown parameter {k:?}"))),
        }
    }
    Ok((limit, offset))
}

fn parse_num(k: &str, v: &str) -> Result<u64, Response> {
    v.parse::<u64>()
        .map_err(|_| bad(format!("{k}={v:?}: not a whole number")))
}

fn parse_limit(v: &str) -> Result<u64, Response> {
    let n = parse_num("limit", v)?;
    if n == 0 || n > MAX_LIMIT {
        return Err(bad(format!("limit={n}: must be 1 to {MAX_LIMIT}")));
    }
    Ok(n)
}

/// A code parameter: non-empty, short, letters and digits only (CAMEO and ISO codes).
fn code(k: &str, v: &str) -> Result<String, Response> {
    let v = v.trim();
    if v.is_empty() || v.len() > 32 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad(format!("{k}={v:?}: not an actor or country code")));
    }
    Ok(v.to_uppercase())
}

fn date(k: &str, v: &str) -> Result<String, Response> {
    if is_valid_date(v.trim()) {
        Ok(v.trim().to_string())
    } else {
        Err(bad(format!("{k}={v:?}: not a calendar date YYYY-MM-DD")))
    }
}

/// The [`EventQuery`] of `/api/events`' parameters.
pub fn event_query(params: &[(String, String)]) -> Result<EventQuery, Response> {
    let mut q = EventQuery {
        limit: Some(DEFAULT_LIMIT),
        ..EventQuery::default()
    };
    for (k, v) in params {
        match k.as_str() {
            "actor" => q.actor = Some(code(k, v)?),
            "recipient" => q.recipient = Some(code(k, v)?),
            "country" => q.country = Some(code(k, v)?),
            "type" => {
                q.event = Some(
                    PloverType::parse(&v.trim().to_uppercase())
                        .ok_or_else(|| bad(format!("type={v:?}: not a PLOVER event type")))?,
                )
            }
            "from" => q.date_from = Some(date(k, v)?),
            "to" => q.date_to = Some(date(k, v)?),
            "storyline" => {
                q.storyline = Some(
                    v.parse::<i64>()
                        .map_err(|_| bad(format!("storyline={v:?}: not a storyline id")))?,
                )
            }
            "q" => {
                let t = v.trim();
                if t.is_empty() || t.len() > 500 {
                    return Err(bad("q: give 1 to 500 characters of search text".into()));
                }
                q.text = Some(t.to_string());
            }
            "limit" => q.limit = Some(parse_limit(v)?),
            "offset" => q.offset = parse_num(k, v)?,
            _ => return Err(bad(format!("unknown parameter {k:?}"))),
        }
    }
    Ok(q)
}

fn events(store: &Store, params: &[(String, String)]) -> Result<Response, Response> {
    let q = event_query(params)?;
    // A full-text query the store rejects is the client's error; anything else is ours.
    let status = |e: String| {
        if q.text.is_some() && e.starts_with("bad full-text query") {
            bad(e)
        } else {
            internal(e)
        }
    };
    let total = store.count_up_to(&q, MAX_COUNT + 1).map_err(status)?;
    let events: Vec<StoredEvent> = store.query(&q).map_err(status)?;
    // Serialised straight from the records (no intermediate JSON tree): most of a page's
    // cost is its JSON.
    let page = EventsPage {
        total: total.min(MAX_COUNT),
        total_is_lower_bound: total > MAX_COUNT,
        limit: q.limit,
        offset: q.offset,
        events: &events,
    };
    serde_json::to_vec(&page)
        .map(|body| Response {
            status: 200,
            content_type: "application/json",
            body,
        })
        .map_err(|e| internal(e.to_string()))
}

/// The answer of `/api/events`.
#[derive(serde::Serialize)]
struct EventsPage<'a> {
    total: u64,
    total_is_lower_bound: bool,
    limit: Option<u64>,
    offset: u64,
    events: &'a [StoredEvent],
}

fn event(store: &Store, id: &str) -> Result<serde_json::Value, Response> {
    let Some(e) = store.event(id).map_err(internal)? else {
        return Err(Response::error(404, &format!("no event {id:?}")));
    };
    let mentions = store.mentions(e.key).map_err(internal)?;
    Ok(json!({ "event": e, "reports": mentions }))
}

fn document(store: &Store, id: &str) -> Result<serde_json::Value, Response> {
    match store.document(id).map_err(internal)? {
        Some(d) => Ok(json!(d)),
        None => Err(Response::error(404, &format!("no document {id:?}"))),
    }
}

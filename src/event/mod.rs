//! The event record every coder writes (see `CONTRACT.md`, "One event record") and the CAMEO
//! tables its numeric fields come from.
//!
//! - [`record`]: serde types for one JSONL event line, and the PLOVER event types with their
//!   quad classes.
//! - [`cameo`]: Goldstein scale values and quad classes of CAMEO event codes.

pub mod cameo;
pub mod record;

pub use record::{ActorRef, EventRecord, Location, PloverType, TextInfo};

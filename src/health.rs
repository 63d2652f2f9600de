//! Liveness and readiness state shared by the worker (writer) and the HTTP
//! endpoints (reader).
//!
//! Ready means: the consumer has joined its group, a broker is reachable, and
//! the worker is not draining. Plain atomics; no I/O.

use std::sync::atomic::{AtomicBool, Ordering};

/// What `/readyz` reports on.
#[derive(Debug, Default)]
pub struct Health {
    joined: AtomicBool,
    broker_reachable: AtomicBool,
    draining: AtomicBool,
}

impl Health {
    pub fn new() -> Self {
        Self::default()
    }

    /// The consumer received its first assignment from the group.
    pub fn set_joined(&self, joined: bool) {
        self.joined.store(joined, Ordering::Relaxed);
    }

    /// Whether at least one broker connection is up.
    pub fn set_broker_reachable(&self, up: bool) {
        self.broker_reachable.store(up, Ordering::Relaxed);
    }

    /// The worker stopped taking new work (shutdown or fatal error).
    pub fn set_draining(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }

    /// Whether the last report said a broker connection is up.
    pub fn broker_reachable(&self) -> bool {
        self.broker_reachable.load(Ordering::Relaxed)
    }

    pub fn is_ready(&self) -> bool {
        self.joined.load(Ordering::Relaxed)
            && self.broker_reachable.load(Ordering::Relaxed)
            && !self.draining.load(Ordering::Relaxed)
    }

    /// A short human reason for the current readiness state.
    pub fn reason(&self) -> &'static str {
        if self.draining.load(Ordering::Relaxed) {
            "draining"
        } else if !self.joined.load(Ordering::Relaxed) {
            "not yet joined to the consumer group"
        } else if !self.broker_reachable.load(Ordering::Relaxed) {
            "no broker reachable"
        } else {
            "ready"
        }
    }
}

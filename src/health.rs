//! Liveness and readiness state shared by the worker (writer) and the HTTP
//! endpoints (reader).
//!
//! Ready means: the consumer is a member of its group, a broker is
//! reachable, and the worker is not draining. Alive (`/healthz`) means: not
//! *stalled*, i.e. not out of the group for longer than [`STALL_LIMIT`]
//! while a broker is reachable (a state only a restart has been seen to
//! cure: librdkafka's coordinator connection not recovering after a broker
//! restart). Plain atomics; no I/O.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a worker may stay out of its consumer group, with a broker
/// reachable, before `/healthz` reports it stalled.
pub const STALL_LIMIT: Duration = Duration::from_secs(300);

/// What `/readyz` and `/healthz` report on.
#[derive(Debug)]
pub struct Health {
    joined: AtomicBool,
    broker_reachable: AtomicBool,
    draining: AtomicBool,
    origin: Instant,
    /// Milliseconds since `origin` when the worker last left (or had not
    /// yet joined) the group.
    out_since_ms: AtomicU64,
    /// Milliseconds since `origin` when a broker last became reachable.
    reachable_since_ms: AtomicU64,
    stall_limit: Duration,
}

impl Default for Health {
    fn default() -> Self {
        Health::with_stall_limit(STALL_LIMIT)
    }
}

impl Health {
    pub fn new() -> Self {
        Self::default()
    }

    /// A health state whose liveness fails after `limit` out of the group.
    pub fn with_stall_limit(limit: Duration) -> Self {
        Health {
            joined: AtomicBool::new(false),
            broker_reachable: AtomicBool::new(false),
            draining: AtomicBool::new(false),
            origin: Instant::now(),
            out_since_ms: AtomicU64::new(0),
            reachable_since_ms: AtomicU64::new(0),
            stall_limit: limit,
        }
    }

    /// The consumer got an assignment from the group (`true`), or lost its
    /// membership (`false`: session expired, partitions lost).
    pub fn set_joined(&self, joined: bool) {
        let was = self.joined.swap(joined, Ordering::Relaxed);
        if was && !joined {
            self.out_since_ms
                .store(self.origin.elapsed().as_millis() as u64, Ordering::Relaxed);
        }
    }

    /// `Some(how long)` when the worker has been out of its group for longer
    /// than the stall limit while a broker is reachable.
    pub fn stalled(&self) -> Option<Duration> {
        self.out_of_group_longer_than(self.stall_limit)
    }

    /// The worker is about to create new Kafka clients: out of the group
    /// from now on, until they join.
    pub fn rejoining(&self) {
        self.joined.store(false, Ordering::Relaxed);
        self.out_since_ms
            .store(self.origin.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    /// `Some(how long)` when the worker has been out of its group for longer
    /// than `limit` while a broker is reachable (and it is not draining).
    pub fn out_of_group_longer_than(&self, limit: Duration) -> Option<Duration> {
        if self.joined.load(Ordering::Relaxed)
            || !self.broker_reachable.load(Ordering::Relaxed)
            || self.draining.load(Ordering::Relaxed)
        {
            return None;
        }
        // Time out of the group counts only while a broker is reachable: after
        // an outage, rejoining starts when the brokers are back.
        let since = self
            .out_since_ms
            .load(Ordering::Relaxed)
            .max(self.reachable_since_ms.load(Ordering::Relaxed));
        let out = self
            .origin
            .elapsed()
            .saturating_sub(Duration::from_millis(since));
        (out > limit).then_some(out)
    }

    /// Whether at least one broker connection is up.
    pub fn set_broker_reachable(&self, up: bool) {
        let was = self.broker_reachable.swap(up, Ordering::Relaxed);
        if up && !was {
            self.reachable_since_ms
                .store(self.origin.elapsed().as_millis() as u64, Ordering::Relaxed);
        }
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
            "not a member of the consumer group (joining)"
        } else if !self.broker_reachable.load(Ordering::Relaxed) {
            "no broker reachable"
        } else {
            "ready"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_the_group_past_the_limit_with_a_broker_up_is_stalled() {
        let h = Health::with_stall_limit(Duration::ZERO);
        assert!(
            h.stalled().is_none(),
            "no broker reachable: an outage, not a stall"
        );
        h.set_broker_reachable(true);
        std::thread::sleep(Duration::from_millis(5));
        assert!(h.stalled().is_some());
        h.set_joined(true);
        assert!(h.stalled().is_none());
        h.set_joined(false);
        std::thread::sleep(Duration::from_millis(5));
        assert!(h.stalled().is_some());
        h.set_draining();
        assert!(h.stalled().is_none(), "draining is not stalling");
    }

    #[test]
    fn time_out_of_the_group_counts_only_while_a_broker_is_reachable() {
        let h = Health::new();
        h.set_broker_reachable(true);
        h.set_joined(true);
        h.set_joined(false);
        h.set_broker_reachable(false);
        std::thread::sleep(Duration::from_millis(30));
        assert!(h.out_of_group_longer_than(Duration::ZERO).is_none());
        h.set_broker_reachable(true);
        let out = h.out_of_group_longer_than(Duration::ZERO);
        assert!(
            out.is_some_and(|d| d < Duration::from_millis(30)),
            "the outage is not counted: {out:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.rejoining();
        assert!(h
            .out_of_group_longer_than(Duration::from_millis(20))
            .is_none());
    }

    #[test]
    fn a_fresh_worker_is_not_stalled_within_the_limit() {
        let h = Health::new();
        h.set_broker_reachable(true);
        assert!(h.stalled().is_none());
        assert!(!h.is_ready());
    }
}

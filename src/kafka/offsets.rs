//! Per-partition acknowledgement tracking: which offsets are safe to commit.
//!
//! Owns: the bookkeeping that makes at-least-once true. A message's offset is
//! *begun* when it is consumed and *acked* when its output (or dead letter)
//! has been acknowledged by the broker. The committable position of a
//! partition is the lowest offset still pending, or one past the highest
//! offset seen when nothing is pending. So a commit never passes a message
//! whose output is not durably written, whatever order acks arrive in.
//!
//! Must not touch: Kafka clients. This is plain data, property-tested.

use std::collections::{BTreeSet, HashMap};

/// A topic-partition.
pub type Tp = (String, i32);

#[derive(Debug, Default, Clone)]
struct PartitionState {
    /// Offsets begun and not yet acked.
    pending: BTreeSet<i64>,
    /// One past the highest offset ever begun.
    next: Option<i64>,
    /// The last position handed out by [`OffsetTracker::take_committable`].
    committed: Option<i64>,
}

impl PartitionState {
    fn committable(&self) -> Option<i64> {
        self.pending.first().copied().or(self.next)
    }
}

/// Tracks in-flight offsets of every assigned partition.
#[derive(Debug, Default)]
pub struct OffsetTracker {
    partitions: HashMap<Tp, PartitionState>,
}

impl OffsetTracker {
    pub fn new() -> Self {
        Self::default()
    }

    /// A message at `offset` was consumed and is now in flight.
    pub fn begin(&mut self, tp: &Tp, offset: i64) {
        let state = self.partitions.entry(tp.clone()).or_default();
        state.pending.insert(offset);
        state.next = Some(state.next.map_or(offset + 1, |n| n.max(offset + 1)));
    }

    /// The output for `offset` was acknowledged. Unknown offsets are ignored
    /// (e.g. acks arriving after the partition was revoked).
    pub fn ack(&mut self, tp: &Tp, offset: i64) -> bool {
        self.partitions
            .get_mut(tp)
            .is_some_and(|s| s.pending.remove(&offset))
    }

    /// Messages in flight for one partition.
    pub fn pending(&self, tp: &Tp) -> usize {
        self.partitions.get(tp).map_or(0, |s| s.pending.len())
    }

    /// Messages in flight over all partitions.
    pub fn pending_total(&self) -> usize {
        self.partitions.values().map(|s| s.pending.len()).sum()
    }

    /// The position (next offset to read) safe to commit for `tp`, if any
    /// message of it was seen.
    pub fn committable(&self, tp: &Tp) -> Option<i64> {
        self.partitions
            .get(tp)
            .and_then(PartitionState::committable)
    }

    /// Positions that moved since the last call, to store and commit.
    pub fn take_committable(&mut self) -> Vec<(Tp, i64)> {
        let mut out = Vec::new();
        for (tp, state) in &mut self.partitions {
            if let Some(pos) = state.committable() {
                if state.committed != Some(pos) {
                    state.committed = Some(pos);
                    out.push((tp.clone(), pos));
                }
            }
        }
        out.sort();
        out
    }

    /// Forget a partition (revoked); returns its final committable position.
    pub fn remove(&mut self, tp: &Tp) -> Option<i64> {
        self.partitions.remove(tp).and_then(|s| s.committable())
    }

    /// Whether the partition is tracked.
    pub fn contains(&self, tp: &Tp) -> bool {
        self.partitions.contains_key(tp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tp() -> Tp {
        ("in".to_string(), 0)
    }

    #[test]
    fn committable_stops_at_the_lowest_unacked_offset() {
        let mut t = OffsetTracker::new();
        for o in 10..15 {
            t.begin(&tp(), o);
        }
        assert_eq!(t.committable(&tp()), Some(10));
        t.ack(&tp(), 11);
        t.ack(&tp(), 12);
        assert_eq!(t.committable(&tp()), Some(10));
        t.ack(&tp(), 10);
        assert_eq!(t.committable(&tp()), Some(13));
        t.ack(&tp(), 13);
        t.ack(&tp(), 14);
        assert_eq!(t.committable(&tp()), Some(15));
        assert_eq!(t.pending_total(), 0);
    }

    #[test]
    fn take_committable_reports_only_moves() {
        let mut t = OffsetTracker::new();
        t.begin(&tp(), 0);
        assert_eq!(t.take_committable(), vec![(tp(), 0)]);
        assert!(t.take_committable().is_empty());
        t.ack(&tp(), 0);
        assert_eq!(t.take_committable(), vec![(tp(), 1)]);
    }

    #[test]
    fn acks_for_unknown_partitions_are_ignored() {
        let mut t = OffsetTracker::new();
        assert!(!t.ack(&tp(), 3));
        t.begin(&tp(), 3);
        assert_eq!(t.remove(&tp()), Some(3));
        assert!(!t.ack(&tp(), 3));
    }

    proptest! {
        /// Whatever order acks arrive in, the committable position never
        /// passes an unacked offset, and reaches the end once all are acked.
        #[test]
        fn never_commits_past_an_unacked_offset(
            start in 0i64..1000,
            len in 1usize..200,
            seed in proptest::collection::vec(any::<u32>(), 200),
        ) {
            let mut t = OffsetTracker::new();
            let offsets: Vec<i64> = (0..len as i64).map(|i| start + i).collect();
            for &o in &offsets { t.begin(&tp(), o); }
            let mut order = offsets.clone();
            for i in (1..order.len()).rev() {
                let j = seed[i % seed.len()] as usize % (i + 1);
                order.swap(i, j);
            }
            let mut acked = std::collections::HashSet::new();
            for o in order {
                t.ack(&tp(), o);
                acked.insert(o);
                let pos = t.committable(&tp()).unwrap();
                // every offset below the position is acked
                for below in start..pos { prop_assert!(acked.contains(&below)); }
                // the position itself is unacked unless everything is done
                if pos < start + len as i64 { prop_assert!(!acked.contains(&pos)); }
            }
            prop_assert_eq!(t.committable(&tp()), Some(start + len as i64));
        }
    }
}

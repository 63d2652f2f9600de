//! Scoring the pipeline against an annotated evaluation set (`tests/eval/`).
//!
//! Owns: the gold-annotation format, matching predicted against gold
//! quotations, speakers and sources, and the per-language score table.
//!
//! Must not touch: the stages themselves; it only calls [`crate::Pipeline`].
//!
//! (Skeleton: the attribution issue fills it in.)

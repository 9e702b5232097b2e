//! # krisesenter-disclosure
//!
//! Work in progress: see the issue for this crate.
#![forbid(unsafe_code)]

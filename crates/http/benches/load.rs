//! The load test (written next).
fn main() {}

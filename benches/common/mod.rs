//! What the benchmarks share.
// Each bench compiles this module and uses only some of it.
#![allow(dead_code)]

use std::time::Duration;

/// A time in milliseconds, two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The middle one of the times measured.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Prints the peak resident memory of this process so far (Linux's VmHWM), in MiB.
pub fn print_peak_memory() {
    let peak = std::fs::read_to_string("/proc/self/status").ok().and_then(|status| {
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    });
    match peak {
        Some(kib) => println!("peak resident memory: {:.0} MiB", kib / 1024.0),
        None => println!("peak resident memory: not available on this platform"),
    }
}

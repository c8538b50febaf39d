//! A big quarter: 40 events × 60 entries × 7 judges, two criteria each (33,600 scores). After one
//! score changes, the event it belongs to is aggregated and ranked again (what the screen does),
//! and so is the whole contest (what the award list needs). Run with `cargo bench --bench contests`.

mod common;

use common::median;
use qilian::contests::aggregate::aggregate;
use qilian::contests::rank::rank;
use qilian::domain::contest::{Aggregation, Entry, Event, Score};
use std::time::{Duration, Instant};

const EVENTS: i64 = 40;
const ENTRIES: i64 = 60;
const JUDGES: i64 = 7;
const RUNS: usize = 50;

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let events: Vec<(Event, Vec<Entry>, Vec<Score>)> = (0..EVENTS)
        .map(|e| {
            let mut event = Event::new(1, &format!("项目{e}"));
            event.id = e + 1;
            // A third of the events normalise per judge, the hardest rule.
            if e % 3 == 0 {
                event.aggregation = Aggregation::Normalised;
            }
            let entries: Vec<Entry> = (0..ENTRIES)
                .map(|i| Entry { id: e * 1000 + i, event_id: event.id, company: i % 25, ..Entry::default() })
                .collect();
            let scores = entries
                .iter()
                .flat_map(|entry| {
                    (0..JUDGES).flat_map(move |j| {
                        (0..2).map(move |c| Score {
                            entry: entry.id,
                            judge: j,
                            criterion: c,
                            value: 60.0 + ((entry.id * 7 + j * 13 + c as i64 * 5) % 40) as f64,
                        })
                    })
                })
                .collect();
            (event, entries, scores)
        })
        .collect();
    let mut scores = events[7].2.clone();
    let one_event: Vec<Duration> = (0..RUNS)
        .map(|run| {
            scores[run].value = 70.0 + run as f64 / 10.0;
            let start = Instant::now();
            let results = aggregate(&events[7].0, &events[7].1, &scores);
            std::hint::black_box(rank(&events[7].0, &events[7].1, &results));
            start.elapsed()
        })
        .collect();
    println!(
        "one event (60 entries × 7 judges) re-aggregated and re-ranked, median of {RUNS}: {}",
        ms(median(one_event))
    );
    let whole: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            for (event, entries, scores) in &events {
                let results = aggregate(event, entries, scores);
                std::hint::black_box(rank(event, entries, &results));
            }
            start.elapsed()
        })
        .collect();
    println!(
        "the whole contest ({EVENTS} events, {} scores) re-aggregated and re-ranked, median of {RUNS}: {}",
        EVENTS * ENTRIES * JUDGES * 2,
        ms(median(whole))
    );
    common::print_peak_memory();
}

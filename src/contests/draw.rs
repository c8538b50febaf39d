//! 抽签: the running order drawn from a seed. The seed and the order are kept, so anyone can draw
//! again from the same seed and get the same order.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The running order of `entries` drawn with `seed`: the same seed and entries give the same
/// order, whatever order the entries are listed in.
pub fn draw(entries: &[i64], seed: u64) -> Vec<i64> {
    let mut order = entries.to_vec();
    order.sort_unstable();
    order.dedup();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    order
}

/// A seed for a new draw, from the clock: shown with the order so it can be checked.
pub fn new_seed() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    now.as_nanos() as u64 % 1_000_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_order_and_another_seed_another() {
        let entries: Vec<i64> = (1..=20).collect();
        let first = draw(&entries, 20261126);
        let mut listed_otherwise = entries.clone();
        listed_otherwise.reverse();
        assert_eq!(draw(&listed_otherwise, 20261126), first);
        assert_ne!(draw(&entries, 20261127), first);
        let mut sorted = first.clone();
        sorted.sort();
        assert_eq!(sorted, entries, "everyone drawn once");
    }
}

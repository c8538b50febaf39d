//! From the judges' scores to each entry's result, by the event's rule: the plain mean; the mean
//! after dropping one highest and one lowest score when there are enough judges; or each judge's
//! scores normalised (z-scores rescaled to the criterion's scale over all judges) for panels that
//! saw different entries. Criteria are weighted into a total out of 100. Judges far apart flag the
//! entry. Every result can say in words how it was computed.

use crate::domain::contest::{Aggregation, Entry, Event, MIN_JUDGES_TO_DROP, Score};
use crate::i18n::{Lang, format};
use crate::tr;
use std::collections::HashMap;

/// One criterion of one entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CriterionResult {
    /// The criterion's score (0 to its maximum), once any judge scored it.
    pub value: Option<f64>,
    /// The judges' scores, as given: (judge, score).
    pub scores: Vec<(i64, f64)>,
    /// The scores left out (the highest and the lowest).
    pub dropped: Vec<(i64, f64)>,
    /// The judges' scores as normalised, when the rule normalises.
    pub normalised: Vec<(i64, f64)>,
    /// The judges are further apart than the event allows.
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryResult {
    pub entry: i64,
    pub criteria: Vec<CriterionResult>,
    /// Out of 100, once every criterion has a score.
    pub total: Option<f64>,
}

impl EntryResult {
    pub fn flagged(&self) -> bool {
        self.criteria.iter().any(|c| c.flagged)
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Mean and standard deviation (of the population) of `values`.
fn spread(values: &[f64]) -> (f64, f64) {
    let m = mean(values.iter().copied()).unwrap_or(0.0);
    let variance = mean(values.iter().map(|v| (v - m) * (v - m))).unwrap_or(0.0);
    (m, variance.sqrt())
}

/// Each judge's score of criterion `c`, normalised: where it stands among that judge's own
/// scores, put back on the scale all the judges used together.
fn normalise(scores: &[Score], c: usize, max: f64) -> HashMap<(i64, i64), f64> {
    let of_criterion: Vec<&Score> = scores.iter().filter(|s| s.criterion == c).collect();
    let all: Vec<f64> = of_criterion.iter().map(|s| s.value).collect();
    let (overall_mean, overall_sd) = spread(&all);
    let mut by_judge: HashMap<i64, Vec<f64>> = HashMap::new();
    for s in &of_criterion {
        by_judge.entry(s.judge).or_default().push(s.value);
    }
    let judge_spread: HashMap<i64, (f64, f64)> = by_judge.iter().map(|(j, v)| (*j, spread(v))).collect();
    of_criterion
        .iter()
        .map(|s| {
            let (m, sd) = judge_spread[&s.judge];
            // A judge with one score, or the same score for all, is only shifted.
            let z = if sd > 0.0 { (s.value - m) / sd * overall_sd } else { s.value - m };
            ((s.entry, s.judge), (overall_mean + z).clamp(0.0, max))
        })
        .collect()
}

/// Every entry's result by the event's rule.
pub fn aggregate(event: &Event, entries: &[Entry], scores: &[Score]) -> Vec<EntryResult> {
    let mut by_entry: HashMap<(i64, usize), Vec<(i64, f64)>> = HashMap::new();
    for s in scores {
        by_entry.entry((s.entry, s.criterion)).or_default().push((s.judge, s.value));
    }
    let normalised: Vec<HashMap<(i64, i64), f64>> = match event.aggregation {
        Aggregation::Normalised => {
            event.criteria.iter().enumerate().map(|(c, criterion)| normalise(scores, c, criterion.max)).collect()
        }
        _ => Vec::new(),
    };
    let drop_from = event.drop_from.max(MIN_JUDGES_TO_DROP) as usize;
    entries
        .iter()
        .map(|entry| {
            let criteria: Vec<CriterionResult> = event
                .criteria
                .iter()
                .enumerate()
                .map(|(c, criterion)| {
                    let mut given = by_entry.get(&(entry.id, c)).cloned().unwrap_or_default();
                    given.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    let spread = match (given.first(), given.last()) {
                        (Some(low), Some(high)) => (high.1 - low.1) / criterion.max * 100.0,
                        _ => 0.0,
                    };
                    let mut result = CriterionResult {
                        scores: given.clone(),
                        flagged: spread > event.disagreement,
                        ..CriterionResult::default()
                    };
                    match event.aggregation {
                        Aggregation::Mean => result.value = mean(given.iter().map(|s| s.1)),
                        Aggregation::DropExtremes if given.len() >= drop_from => {
                            let kept = &given[1..given.len() - 1];
                            result.dropped = vec![given[0], given[given.len() - 1]];
                            result.value = mean(kept.iter().map(|s| s.1));
                        }
                        Aggregation::DropExtremes => result.value = mean(given.iter().map(|s| s.1)),
                        Aggregation::Normalised => {
                            let norm = &normalised[c];
                            result.normalised =
                                given.iter().filter_map(|(j, _)| Some((*j, *norm.get(&(entry.id, *j))?))).collect();
                            result.value = mean(result.normalised.iter().map(|s| s.1));
                        }
                    }
                    result
                })
                .collect();
            let total = criteria
                .iter()
                .zip(&event.criteria)
                .map(|(r, c)| r.value.map(|v| v / c.max * c.weight))
                .sum::<Option<f64>>();
            EntryResult { entry: entry.id, criteria, total }
        })
        .collect()
}

/// How the result was computed, in words: each criterion's scores, which were dropped, the
/// weights, the total.
pub fn explain(event: &Event, result: &EntryResult, judge: &dyn Fn(i64) -> String, lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    let mut parts = Vec::new();
    for (criterion, r) in event.criteria.iter().zip(&result.criteria) {
        let name = &criterion.name;
        if r.scores.is_empty() {
            parts.push(tr!(lang, "{name}：尚无评分", "{name}: no scores yet"));
            continue;
        }
        let given: Vec<String> =
            r.scores.iter().map(|(j, v)| format!("{} {}", judge(*j), format::points(*v))).collect();
        let value = r.value.map_or("—".into(), format::points);
        let text = if !r.dropped.is_empty() {
            let (low, high) = (format::points(r.dropped[0].1), format::points(r.dropped[1].1));
            tr!(
                lang,
                "{name}：{}（去掉最高 {high}、最低 {low}）平均 {value}",
                "{name}: {} (highest {high} and lowest {low} dropped), mean {value}",
                given.join(sep)
            )
        } else if !r.normalised.is_empty() {
            let normalised: Vec<String> =
                r.normalised.iter().map(|(j, v)| format!("{} {}", judge(*j), format::points(*v))).collect();
            tr!(
                lang,
                "{name}：{}，按各评委标准化为 {}，平均 {value}",
                "{name}: {}, normalised per judge to {}, mean {value}",
                given.join(sep),
                normalised.join(sep)
            )
        } else {
            tr!(lang, "{name}：{} 平均 {value}", "{name}: {}, mean {value}", given.join(sep))
        };
        parts.push(if r.flagged {
            tr!(lang, "{text}（评委分歧较大，请复核）", "{text} (judges far apart: review)")
        } else {
            text
        });
    }
    let weighted: Vec<String> = event
        .criteria
        .iter()
        .zip(&result.criteria)
        .map(|(c, r)| {
            let value = r.value.map_or("—".into(), format::points);
            if c.max == 100.0 {
                format!("{value}×{}%", format::points(c.weight))
            } else {
                format!("{value}/{}×{}%", format::points(c.max), format::points(c.weight))
            }
        })
        .collect();
    let total = result.total.map_or("—".into(), format::points);
    parts.push(tr!(lang, "总分 = {} = {total}", "Total = {} = {total}", weighted.join(" + ")));
    parts.join(lang.pick("；", "; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contest::Criterion;

    fn event(aggregation: Aggregation) -> Event {
        Event { aggregation, ..Event::new(1, "焊工") }
    }

    fn entries(n: i64) -> Vec<Entry> {
        (1..=n).map(|id| Entry { id, ..Entry::default() }).collect()
    }

    fn scores(entry: i64, criterion: usize, values: &[f64]) -> Vec<Score> {
        values.iter().enumerate().map(|(j, v)| Score { entry, judge: j as i64 + 1, criterion, value: *v }).collect()
    }

    #[test]
    fn the_highest_and_lowest_are_dropped_from_five_judges_and_criteria_weighted() {
        // 理论 from three judges: too few to drop, plain mean 80. 实操 from five: 92 and 70 go,
        // (90 + 88 + 85) / 3 = 87.67. Total 80 × 30 % + 87.67 × 70 % = 24 + 61.37 = 85.37.
        let mut given = scores(1, 0, &[78.0, 80.0, 82.0]);
        given.extend(scores(1, 1, &[92.0, 90.0, 88.0, 85.0, 70.0]));
        let result = &aggregate(&event(Aggregation::DropExtremes), &entries(1), &given)[0];
        assert_eq!(result.criteria[0].value, Some(80.0));
        assert!(result.criteria[0].dropped.is_empty());
        assert_eq!(result.criteria[1].dropped, [(5, 70.0), (1, 92.0)]);
        assert!((result.criteria[1].value.unwrap() - 263.0 / 3.0).abs() < 1e-9);
        assert!((result.total.unwrap() - (24.0 + 263.0 / 3.0 * 0.7)).abs() < 1e-9);
        // 92 against 70 is 22 points apart: more than the 15 allowed.
        assert!(result.criteria[1].flagged && !result.criteria[0].flagged);
        let text = explain(&event(Aggregation::DropExtremes), result, &|j| format!("评委{j}"), Lang::Zh);
        assert!(text.contains("去掉最高 92、最低 70）平均 87.67"), "{text}");
        assert!(text.contains("总分 = 80×30% + 87.67×70% = 85.37"), "{text}");
        assert!(text.contains("评委分歧较大"), "{text}");
    }

    #[test]
    fn a_plain_mean_keeps_every_score_and_an_unscored_criterion_leaves_no_total() {
        let given = scores(1, 1, &[90.0, 80.0, 70.0, 60.0, 50.0]);
        let result = &aggregate(&event(Aggregation::Mean), &entries(1), &given)[0];
        assert_eq!(result.criteria[1].value, Some(70.0));
        assert_eq!(result.criteria[0].value, None);
        assert_eq!(result.total, None, "理论 not scored yet");
    }

    #[test]
    fn drop_from_is_never_below_three() {
        let mut rules = event(Aggregation::DropExtremes);
        rules.drop_from = 1;
        let result = &aggregate(&rules, &entries(1), &scores(1, 0, &[60.0, 90.0]))[0];
        assert_eq!(result.criteria[0].value, Some(75.0), "two judges: nothing dropped");
    }

    #[test]
    fn normalisation_evens_out_a_harsh_and_a_lenient_judge() {
        // Judge 1 scores entries 1 and 2 at 60 and 70; judge 2 scores entries 3 and 4 at 80 and
        // 90. Each judge's better entry is one of their standard deviations above their mean; all
        // together the scores have mean 75 and deviation √125 ≈ 11.18, so both better entries come
        // out at 86.18 and both others at 63.82.
        let mut rules = event(Aggregation::Normalised);
        rules.criteria = vec![Criterion { name: "实操".into(), weight: 100.0, max: 100.0 }];
        let given = vec![
            Score { entry: 1, judge: 1, criterion: 0, value: 60.0 },
            Score { entry: 2, judge: 1, criterion: 0, value: 70.0 },
            Score { entry: 3, judge: 2, criterion: 0, value: 80.0 },
            Score { entry: 4, judge: 2, criterion: 0, value: 90.0 },
        ];
        let results = aggregate(&rules, &entries(4), &given);
        let totals: Vec<f64> = results.iter().map(|r| r.total.unwrap()).collect();
        let high = 75.0 + 125f64.sqrt();
        let low = 75.0 - 125f64.sqrt();
        for (got, want) in totals.iter().zip([low, high, low, high]) {
            assert!((got - want).abs() < 1e-9, "{totals:?}");
        }
        let text = explain(&rules, &results[1], &|j| format!("评委{j}"), Lang::Zh);
        assert!(text.contains("按各评委标准化为 评委1 86.18"), "{text}");
    }
}

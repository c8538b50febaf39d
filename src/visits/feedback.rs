//! The visits' feedback forms (反馈表): one template of questions for every visit, each answered
//! 1–5 with a comment; averages per question and overall, for one visit or a year.

use crate::store::FeedbackAnswer;

/// A question's average score and how many answered it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionAverage {
    pub question: String,
    pub average: Option<f64>,
    pub answers: usize,
}

/// The average of each question of `questions` over `answers`, in the template's order, and the
/// average of every score given. Answers to questions no longer in the template count overall.
pub fn averages(questions: &[String], answers: &[FeedbackAnswer]) -> (Vec<QuestionAverage>, Option<f64>) {
    let mean = |scores: &mut dyn Iterator<Item = u8>| {
        let (sum, n) = scores.fold((0u32, 0usize), |(s, n), x| (s + u32::from(x), n + 1));
        (n > 0).then(|| f64::from(sum) / n as f64).map(|m| (m, n))
    };
    let per_question = questions
        .iter()
        .map(|q| {
            let found = mean(&mut answers.iter().filter(|a| &a.question == q).filter_map(|a| a.score));
            QuestionAverage { question: q.clone(), average: found.map(|f| f.0), answers: found.map_or(0, |f| f.1) }
        })
        .collect();
    let overall = mean(&mut answers.iter().filter_map(|a| a.score)).map(|f| f.0);
    (per_question, overall)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(company: i64, question: &str, score: Option<u8>) -> FeedbackAnswer {
        FeedbackAnswer { company, question: question.into(), score, comment: String::new() }
    }

    #[test]
    fn averages_per_question_and_overall_skip_blanks() {
        let questions = vec!["活动组织".to_string(), "对接机会".to_string(), "总体满意度".to_string()];
        let answers = vec![
            answer(1, "活动组织", Some(5)),
            answer(2, "活动组织", Some(4)),
            answer(1, "对接机会", Some(3)),
            answer(2, "对接机会", None),
        ];
        let (per_question, overall) = averages(&questions, &answers);
        assert_eq!(per_question[0], QuestionAverage { question: "活动组织".into(), average: Some(4.5), answers: 2 });
        assert_eq!(per_question[1].average, Some(3.0));
        assert_eq!(per_question[1].answers, 1, "a blank score is not an answer");
        assert_eq!(per_question[2].average, None);
        assert_eq!(overall, Some(4.0));
    }
}

//! What happens to a supplier opportunity after it is found: suggested → introduced → trial →
//! contracted (agreed price and quantity, so the saving is real) or declined (with the reason);
//! a suggestion can also be dismissed before anyone is introduced.

use crate::i18n::Lang;
use chrono::NaiveDate;

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
    pub enum Stage {
        #[default]
        Suggested = ("suggested", "建议", "Suggested"),
        Introduced = ("introduced", "已引荐", "Introduced"),
        Trial = ("trial", "试用中", "Trial"),
        Contracted = ("contracted", "已签约", "Contracted"),
        Declined = ("declined", "未成", "Declined"),
        Dismissed = ("dismissed", "已忽略", "Dismissed"),
    }
}

impl Stage {
    /// Still being worked on: counts towards the potential saving.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Suggested | Self::Introduced | Self::Trial)
    }
}

/// The recorded history of one need × product pair. A pair with no record is a suggestion.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pipeline {
    pub need_id: i64,
    pub product_id: i64,
    pub stage: Stage,
    pub introduced_on: Option<NaiveDate>,
    pub note: String,
    pub trial_on: Option<NaiveDate>,
    pub contracted_on: Option<NaiveDate>,
    pub agreed_unit_price: Option<f64>,
    pub agreed_annual_quantity: Option<f64>,
    /// What the buyer paid before the contract. Kept here because the buyer's need will be
    /// updated to the new price and supplier, and the saving must not vanish when it is.
    pub baseline_unit_price: Option<f64>,
    pub declined_reason: String,
    /// What the need and the product said when the suggestion was dismissed; when either changes,
    /// the suggestion comes back.
    pub dismissed_fingerprint: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Introduce {
        on: NaiveDate,
        note: String,
    },
    StartTrial {
        on: NaiveDate,
    },
    Contract {
        on: NaiveDate,
        unit_price: f64,
        annual_quantity: f64,
        /// The buyer's unit price before the contract.
        baseline_unit_price: Option<f64>,
    },
    Decline {
        reason: String,
    },
    Dismiss {
        fingerprint: String,
    },
    /// Back to a suggestion, after a dismissal or a decline made by mistake.
    Reopen,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot go from {from:?} by {transition}")]
    NotAllowed { from: Stage, transition: &'static str },
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the agreed price and quantity must be positive numbers")]
    BadAgreement,
}

impl PipelineError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotAllowed { from, .. } => {
                crate::tr!(lang, "当前状态“{}”下不能这样操作", "Not possible from “{}”", from.label(lang))
            }
            Self::ReasonRequired => lang.pick("请填写未成的原因", "Please give the reason").into(),
            Self::BadAgreement => {
                lang.pick("约定单价和年用量须为正数", "The agreed price and quantity must be positive").into()
            }
        }
    }
}

impl Transition {
    fn name(&self) -> &'static str {
        match self {
            Self::Introduce { .. } => "introduce",
            Self::StartTrial { .. } => "trial",
            Self::Contract { .. } => "contract",
            Self::Decline { .. } => "decline",
            Self::Dismiss { .. } => "dismiss",
            Self::Reopen => "reopen",
        }
    }

    /// The stages this transition can start from.
    fn allowed_from(&self) -> &'static [Stage] {
        match self {
            Self::Introduce { .. } | Self::Dismiss { .. } => &[Stage::Suggested],
            Self::StartTrial { .. } => &[Stage::Introduced],
            Self::Contract { .. } | Self::Decline { .. } => &[Stage::Introduced, Stage::Trial],
            Self::Reopen => &[Stage::Declined, Stage::Dismissed],
        }
    }
}

impl Pipeline {
    pub fn new(need_id: i64, product_id: i64) -> Self {
        Self { need_id, product_id, ..Self::default() }
    }

    /// The record after `transition`, or why it is not allowed; `self` is unchanged either way.
    pub fn apply(&self, transition: Transition) -> Result<Pipeline, PipelineError> {
        if !transition.allowed_from().contains(&self.stage) {
            return Err(PipelineError::NotAllowed { from: self.stage, transition: transition.name() });
        }
        let mut next = self.clone();
        match transition {
            Transition::Introduce { on, note } => {
                next.stage = Stage::Introduced;
                next.introduced_on = Some(on);
                next.note = note;
            }
            Transition::StartTrial { on } => {
                next.stage = Stage::Trial;
                next.trial_on = Some(on);
            }
            Transition::Contract { on, unit_price, annual_quantity, baseline_unit_price } => {
                let valid = |x: f64| x.is_finite() && x >= 0.0;
                if !valid(unit_price) || !valid(annual_quantity) || annual_quantity == 0.0 {
                    return Err(PipelineError::BadAgreement);
                }
                next.stage = Stage::Contracted;
                next.contracted_on = Some(on);
                next.agreed_unit_price = Some(unit_price);
                next.agreed_annual_quantity = Some(annual_quantity);
                next.baseline_unit_price = baseline_unit_price;
            }
            Transition::Decline { reason } => {
                let reason = reason.trim().to_string();
                if reason.is_empty() {
                    return Err(PipelineError::ReasonRequired);
                }
                next.stage = Stage::Declined;
                next.declined_reason = reason;
            }
            Transition::Dismiss { fingerprint } => {
                next.stage = Stage::Dismissed;
                next.dismissed_fingerprint = fingerprint;
            }
            Transition::Reopen => {
                next = Pipeline::new(self.need_id, self.product_id);
            }
        }
        Ok(next)
    }

    /// (the buyer's unit price before − the agreed one) × the agreed annual quantity, once
    /// contracted.
    pub fn realised_saving(&self) -> Option<f64> {
        if self.stage != Stage::Contracted {
            return None;
        }
        Some((self.baseline_unit_price? - self.agreed_unit_price?) * self.agreed_annual_quantity?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    #[test]
    fn the_whole_road_to_a_contract_and_its_realised_saving() {
        let p = Pipeline::new(1, 2);
        let p = p.apply(Transition::Introduce { on: day(3), note: "秘书处牵线".into() }).expect("introduce");
        let p = p.apply(Transition::StartTrial { on: day(10) }).expect("trial");
        let contract = |baseline| Transition::Contract {
            on: day(20),
            unit_price: 12.5,
            annual_quantity: 6000.0,
            baseline_unit_price: baseline,
        };
        let contracted = p.apply(contract(Some(120.0))).expect("contract");
        assert_eq!(contracted.stage, Stage::Contracted);
        assert_eq!(contracted.introduced_on, Some(day(3)));
        // Hong Kong charged ¥120 a set: (120 − 12.5) × 6000.
        assert_eq!(contracted.realised_saving(), Some(645_000.0));
        assert_eq!(p.apply(contract(None)).expect("contract").realised_saving(), None, "no price before, no saving");
    }

    #[test]
    fn stages_cannot_be_skipped_or_reversed() {
        let suggested = Pipeline::new(1, 2);
        let contract =
            Transition::Contract { on: day(1), unit_price: 1.0, annual_quantity: 1.0, baseline_unit_price: Some(0.5) };
        assert!(matches!(suggested.apply(contract.clone()), Err(PipelineError::NotAllowed { .. })));
        assert!(suggested.apply(Transition::StartTrial { on: day(1) }).is_err());
        assert!(suggested.apply(Transition::Reopen).is_err());
        let introduced = suggested.apply(Transition::Introduce { on: day(1), note: String::new() }).expect("intro");
        // A contract can follow an introduction directly, without a trial.
        let contracted = introduced.apply(contract).expect("contract");
        assert!(contracted.apply(Transition::Decline { reason: "x".into() }).is_err());
        assert!(contracted.apply(Transition::Introduce { on: day(2), note: String::new() }).is_err());
        assert_eq!(contracted.realised_saving(), Some(-0.5), "a dearer contract shows as a loss");
    }

    #[test]
    fn declining_needs_a_reason_and_reopening_starts_over() {
        let introduced =
            Pipeline::new(1, 2).apply(Transition::Introduce { on: day(1), note: "n".into() }).expect("intro");
        assert_eq!(introduced.apply(Transition::Decline { reason: "  ".into() }), Err(PipelineError::ReasonRequired));
        let declined = introduced.apply(Transition::Decline { reason: " 交期太长 ".into() }).expect("decline");
        assert_eq!(declined.declined_reason, "交期太长");
        assert_eq!(declined.apply(Transition::Reopen), Ok(Pipeline::new(1, 2)));
    }

    #[test]
    fn an_agreement_must_be_positive_numbers() {
        let introduced =
            Pipeline::new(1, 2).apply(Transition::Introduce { on: day(1), note: String::new() }).expect("intro");
        for (price, quantity) in [(-1.0, 10.0), (1.0, 0.0), (f64::NAN, 1.0)] {
            let t = Transition::Contract {
                on: day(1),
                unit_price: price,
                annual_quantity: quantity,
                baseline_unit_price: None,
            };
            assert_eq!(introduced.apply(t), Err(PipelineError::BadAgreement));
        }
    }

    #[test]
    fn only_a_suggestion_can_be_dismissed_and_codes_round_trip() {
        let dismissed = Pipeline::new(1, 2).apply(Transition::Dismiss { fingerprint: "f".into() }).expect("dismiss");
        assert_eq!(dismissed.dismissed_fingerprint, "f");
        assert!(dismissed.apply(Transition::Dismiss { fingerprint: "g".into() }).is_err());
        for stage in Stage::ALL {
            assert_eq!(Stage::from_code(stage.code()), Some(stage));
        }
    }
}

//! The closed vocabularies of the formats (deal types, stages, models, ...),
//! each a Rust enum that knows its JSON spelling.

use schemars::JsonSchema;
use serde::Serialize;

/// Declares a string enum with its JSON names, in one place.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The JSON spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads the JSON spelling.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// `"a", "b" or "c"`, for messages.
            pub fn expected() -> String {
                let names: Vec<String> = Self::ALL.iter().map(|v| format!("\"{}\"", v.as_str())).collect();
                crate::error::one_of(&names)
            }
        }
    };
}

named_enum!(
    /// Hunters' and farmers' deals: rates can differ by type.
    DealType { New = "new", Expansion = "expansion", Renewal = "renewal" }
);
named_enum!(
    /// Where a deal came from.
    Source { Marketing = "marketing", Sales = "sales", Partner = "partner" }
);
named_enum!(
    /// How far a deal has come; commission becomes payable in these steps.
    Stage { Booked = "booked", Installed = "installed", Activated = "activated", Cancelled = "cancelled" }
);
named_enum!(
    /// Marks a touch can carry: the positions of the position models.
    Mark { LeadCreated = "lead_created", OpportunityCreated = "opportunity_created" }
);
named_enum!(
    /// Whose deals pay a participant: deal owners' splits, or attributed touches.
    CreditKind { Owner = "owner", Attribution = "attribution" }
);
named_enum!(
    /// What a commission rate applies to.
    Basis { Revenue = "revenue", Margin = "margin" }
);
named_enum!(
    /// How tier bands apply to a period's deals.
    TierMode {
        /// Each slice of attainment pays at its own band's multiplier.
        Marginal = "marginal",
        /// The band of the final attainment applies to every deal.
        Retroactive = "retroactive"
    }
);
named_enum!(
    /// Money rounding mode.
    RoundingMode { HalfEven = "half_even", HalfUp = "half_up" }
);
named_enum!(
    /// Multi-touch attribution models.
    Model {
        FirstTouch = "first_touch",
        LastTouch = "last_touch",
        Linear = "linear",
        TimeDecay = "time_decay",
        PositionBased = "position_based",
        UShaped = "u_shaped",
        WShaped = "w_shaped",
        FullPath = "full_path",
        Custom = "custom"
    }
);
named_enum!(
    /// Measures that are not a participant metric.
    NamedMeasure {
        /// Company revenue / company goal target.
        Company = "company",
        /// The participant's quota attainment.
        Quota = "quota",
        /// The share of a manager's direct reports at or above target.
        TeamAtTarget = "team_at_target"
    }
);
named_enum!(
    /// What a manager's override pays a rate on.
    OverrideBasis {
        /// Each member's quota credit.
        CreditedRevenue = "credited_revenue",
        /// Each member's earned commission (their commission components).
        EarnedCommission = "earned_commission"
    }
);
named_enum!(
    /// `depth: "all"`: every level below a manager.
    AllLevels { All = "all" }
);

named_enum!(
    /// Where a lead of the handoff ledger stands.
    LeadStatus { Open = "open", Accepted = "accepted", Rejected = "rejected", Converted = "converted" }
);
named_enum!(
    /// The measures computed from the lead ledger (a plan names them as
    /// `{ "metric": NAME }`; given as metrics too, they are an error).
    PipelineMeasure {
        /// Leads routed to the rep first attempted within the SLA.
        SpeedToLead = "speed_to_lead",
        /// Rejected leads that had the minimum attempts first.
        FollowUp = "follow_up",
        /// A marketer's leads accepted, of those decided.
        Acceptance = "acceptance",
        /// A marketer's accepted leads that converted.
        LeadQuality = "lead_quality",
        /// Revenue of counted deals from the marketer's leads.
        SourcedRevenue = "sourced_revenue",
        /// Revenue of counted deals with the marketer's touches or leads.
        InfluencedRevenue = "influenced_revenue",
        /// The company's alignment index.
        AlignmentIndex = "alignment_index",
        /// The company's alignment stage (1 = the first stage).
        AlignmentStage = "alignment_stage",
        /// The participant's team's alignment index.
        TeamAlignmentIndex = "team_alignment_index",
        /// The participant's team's alignment stage.
        TeamAlignmentStage = "team_alignment_stage"
    }
);

impl PipelineMeasure {
    /// The four shares the alignment index may weigh.
    pub fn is_share(self) -> bool {
        matches!(
            self,
            PipelineMeasure::SpeedToLead
                | PipelineMeasure::FollowUp
                | PipelineMeasure::Acceptance
                | PipelineMeasure::LeadQuality
        )
    }

    /// What its value is: "share" (a fraction of leads), "money",
    /// "index" (the alignment index) or "stage" (a stage's number).
    pub fn unit(self) -> &'static str {
        match self {
            _ if self.is_share() => "share",
            PipelineMeasure::SourcedRevenue | PipelineMeasure::InfluencedRevenue => "money",
            PipelineMeasure::AlignmentIndex | PipelineMeasure::TeamAlignmentIndex => "index",
            _ => "stage",
        }
    }

    /// The name people say, for sentences ("speed-to-lead").
    pub fn title(self) -> &'static str {
        match self {
            PipelineMeasure::SpeedToLead => "speed-to-lead",
            PipelineMeasure::FollowUp => "follow-up",
            PipelineMeasure::Acceptance => "acceptance",
            PipelineMeasure::LeadQuality => "lead quality",
            PipelineMeasure::SourcedRevenue => "sourced revenue",
            PipelineMeasure::InfluencedRevenue => "influenced revenue",
            PipelineMeasure::AlignmentIndex => "alignment index",
            PipelineMeasure::AlignmentStage => "alignment stage",
            PipelineMeasure::TeamAlignmentIndex => "team alignment index",
            PipelineMeasure::TeamAlignmentStage => "team alignment stage",
        }
    }
}

impl Model {
    /// The name people know the model by, for sentences.
    pub fn title(self) -> &'static str {
        match self {
            Model::FirstTouch => "first touch",
            Model::LastTouch => "last touch",
            Model::Linear => "linear",
            Model::TimeDecay => "time decay",
            Model::PositionBased => "position-based",
            Model::UShaped => "U-shaped",
            Model::WShaped => "W-shaped",
            Model::FullPath => "full path",
            Model::Custom => "custom",
        }
    }
}

impl Stage {
    /// The payout steps a deal at this stage has reached.
    pub fn reached(self) -> &'static [Stage] {
        match self {
            Stage::Booked => &[Stage::Booked],
            Stage::Installed => &[Stage::Booked, Stage::Installed],
            Stage::Activated => &[Stage::Booked, Stage::Installed, Stage::Activated],
            Stage::Cancelled => &[],
        }
    }
}

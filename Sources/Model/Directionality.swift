/// Hierarchical direction of a cortico-cortical projection, from its SLN (fraction of
/// supragranular labelled neurons; Schmidt et al. 2018; the original's `calcDirectionality`).
public enum Directionality: String, Sendable, CaseIterable {
    case feedforward = "FF", lateral = "lat", feedback = "FB"

    /// FB below `feedbackSLN`, FF at or above `feedforwardSLN`, lateral in between.
    public init(sln: Double, feedforwardSLN: Double, feedbackSLN: Double) {
        if sln < feedbackSLN {
            self = .feedback
        } else if sln < feedforwardSLN {
            self = .lateral
        } else {
            self = .feedforward
        }
    }
}

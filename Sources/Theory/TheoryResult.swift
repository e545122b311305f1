import Model

/// Linear stability of a fixed point ν* of the rate dynamics dν/ds = −ν + Φ(ν): the eigenvalues λ
/// of −1 + ∂Φ/∂ν at ν*. Stable iff every Re λ < 0.
public struct FixedPointStability: Sendable {
    /// Eigenvalue with the largest real part, in units of 1/pseudo-time (1/τ for rate dynamics
    /// τ dν/dt = −ν + Φ(ν)): real and imaginary part.
    public var leadingEigenvalueReal: Double
    public var leadingEigenvalueImaginary: Double
    /// All eigenvalues, real and imaginary parts.
    public var eigenvaluesReal: [Double]
    public var eigenvaluesImaginary: [Double]
    public var isStable: Bool { leadingEigenvalueReal < 0 }
}

/// One self-consistent solution ν = Φ(ν).
public struct FixedPoint: Sendable {
    /// Rates in layout order, Hz; 0 for empty populations.
    public var rates: [Double]
    /// Mean input μ (mV) and input SD σ (mV) per population at the fixed point, layout order.
    public var meanInputMV: [Double]
    public var inputStandardDeviationMV: [Double]
    /// max_i |Φ_i(ν) − ν_i| at the returned rates, Hz.
    public var residualHz: Double
    /// nil when stability was not requested or LAPACK failed.
    public var stability: FixedPointStability?
    /// Trials (0-based) that converged to this fixed point.
    public var trials: [Int]
}

/// What happened in one trial.
public struct TrialOutcome: Sendable {
    public var trial: Int
    public var converged: Bool
    /// Iterations (linear solves) of the pseudo-transient continuation.
    public var iterations: Int
    /// Steps rejected because they raised the residual (then retried with a smaller Δs).
    public var rejectedSteps: Int
    /// max_i |Φ_i(ν) − ν_i| at the last iterate, Hz.
    public var residualHz: Double
    /// Index into `TheoryResult.fixedPoints` when converged.
    public var fixedPoint: Int?
    /// Why the trial stopped, in words.
    public var message: String
    /// Last iterate in layout order, Hz (the fixed point when converged).
    public var rates: [Double]
}

/// The result of `StationaryRates.solve`.
public struct TheoryResult: Sendable {
    public var layout: PopulationLayout
    /// Layout indices of the modelled (non-empty) populations.
    public var modelledPopulations: [Int]
    /// Distinct fixed points, in the order first found.
    public var fixedPoints: [FixedPoint]
    public var trials: [TrialOutcome]
    /// Wall-clock seconds from network to fixed points (model set-up and all trials).
    public var solveSeconds: Double
    /// Wall-clock seconds of the stability analysis.
    public var stabilitySeconds: Double

    /// Whether every trial converged.
    public var allConverged: Bool { trials.allSatisfy(\.converged) }

    /// The rates to use downstream: the fixed point reached by the most trials (the earliest on a
    /// tie), or nil if no trial converged.
    public var rates: [Double]? {
        fixedPoints.enumerated().max { lhs, rhs in
            lhs.element.trials.count != rhs.element.trials.count
                ? lhs.element.trials.count < rhs.element.trials.count : lhs.offset > rhs.offset
        }?.element.rates
    }
}

/// How `StationaryRates.solve` searches for fixed points.
public struct TheoryOptions: Sendable, Hashable {
    /// Number of random initial conditions (trials); each is solved independently and the distinct
    /// fixed points are reported.
    public var trials = 1
    /// Seed of the SplitMix64 stream that draws the initial rates (trial after trial).
    public var seed: UInt64 = 123
    /// Range of the uniform initial rates, Hz (the original's `figure_theory.py`: 0 to 10).
    public var initialRateRangeHz: ClosedRange<Double> = 0...10
    /// Explicit initial rates per trial (layout order, Hz); replaces the random draws when set.
    public var initialRates: [[Double]]?
    /// Convergence: the last Newton step and the residual max|Φ(ν) − ν| are both below this, Hz.
    public var toleranceHz = 1e-10
    /// Iterations (linear solves) of the pseudo-transient continuation per trial.
    public var maximumIterations = 200
    /// Iterations of the Newton fallback that starts where an unsettled continuation stopped.
    public var maximumNewtonIterations = 50
    /// First implicit pseudo-time step Δs of the continuation (grown as the residual falls); 1
    /// follows the pseudo-time dynamics from far away, `.infinity` starts with pure Newton steps.
    public var initialPseudoTimeStep = 1.0
    /// Add the DC drive τ_m I_e / C_m to the mean input (the original's theory omits it).
    public var includeDCDrive = true
    /// Classify each fixed point by the eigenvalues of the linearised dynamics.
    public var computeStability = true

    public init() {}
}

/// NEST's time grid (`nestkernel/nest_time.h`, default 1000 tics per ms).
public enum NESTTime {
    public static let ticsPerMs = 1000.0

    /// Tics per step for `resolution` ms.
    public static func ticsPerStep(resolution: Double) -> Int64 {
        Int64(resolution * ticsPerMs + 0.5)
    }

    /// `Time(Time::ms(t)).get_steps()`: round to the nearest tic, then up to whole steps.
    public static func steps(ms: Double, resolution: Double) -> Int {
        let tics = Int64(ms * ticsPerMs + 0.5)
        let perStep = ticsPerStep(resolution: resolution)
        return Int((tics + perStep - 1) / perStep)
    }

    /// `Time::delay_ms_to_steps(d)`: `ld_round(d * STEPS_PER_MS)`, midpoints rounded up. A
    /// delay drawn beyond `Int32.max` steps (or NaN) comes out as `Int32.max`, which the engine
    /// refuses as it refuses every delay beyond 65,535 steps, instead of trapping.
    public static func delaySteps(ms: Double, resolution: Double) -> Int {
        let stepsPerMs = 1 / (Double(ticsPerStep(resolution: resolution)) / ticsPerMs)
        let steps = (ms * stepsPerMs + 0.5).rounded(.down)
        return steps < Double(Int32.max) ? Int(steps) : Int(Int32.max)
    }

    /// `Time::step(n).get_ms()`: the time stamp of step `n`, tics × ms-per-tic, so that it prints
    /// exactly as NEST's recorders do.
    public static func milliseconds(step: Int, resolution: Double) -> Double {
        (1 / ticsPerMs) * Double(Int64(step) * ticsPerStep(resolution: resolution))
    }

    /// The time stamp of step `n` in ms as text, exact from its whole tics: "22.4", where
    /// `milliseconds` prints as 22.400000000000002.
    public static func text(step: Int, resolution: Double) -> String {
        let tics = Int64(step) * ticsPerStep(resolution: resolution), perMs = Int64(ticsPerMs)
        var fraction = String(tics % perMs)
        fraction = String(repeating: "0", count: String(perMs).count - 1 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(tics / perMs)" + (fraction.isEmpty ? "" : ".\(fraction)")
    }
}

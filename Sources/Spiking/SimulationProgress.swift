/// How far a running simulation has got.
public struct SimulationProgress: Sendable {
    public var simulatedMs: Double
    public var totalMs: Double
    /// Where this run started: 0, or the checkpoint it resumed from, ms.
    public var startMs: Double
    /// Wall seconds of this run (since it started or resumed).
    public var wallSeconds: Double
    /// Spikes so far, including those before a checkpoint the run resumed from.
    public var spikes: Int
    /// Synaptic events delivered since this run started or resumed, as of each thread's last
    /// finished batch (`EngineWork`).
    public var synapticEvents: Int
    public var threads: Int

    /// Events per wall second, and core-nanoseconds per event (wall time × threads / events);
    /// nil before the first event.
    public var eventsPerSecond: Double? {
        synapticEvents > 0 && wallSeconds > 0 ? Double(synapticEvents) / wallSeconds : nil
    }
    public var coreNanosecondsPerEvent: Double? {
        EngineWork.coreNanosecondsPerEvent(events: synapticEvents, seconds: wallSeconds, threads: threads)
    }

    /// Wall time per simulated time.
    public var realTimeFactor: Double { simulatedMs > startMs ? wallSeconds / ((simulatedMs - startMs) / 1000) : 0 }
    /// Estimated wall seconds still needed.
    public var remainingSeconds: Double {
        simulatedMs > startMs ? wallSeconds * (totalMs - simulatedMs) / (simulatedMs - startMs) : 0
    }
}

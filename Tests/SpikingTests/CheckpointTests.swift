import Foundation
import Model
import RunFormat
import Testing
import TestSupport
@testable import Spiking

/// A simulation resumed from a checkpoint emits the very spikes of the uninterrupted run, for
/// both connectivities and any thread count before and after.
@Suite struct CheckpointTests {
    /// Runs with a checkpoint every `steps` steps (or at an interruption after `batches` asks);
    /// returns the spikes, the states handed out and the result or the error.
    static func run(_ simulation: Simulation, checkpointSteps: Int?, interruptAfter batches: Int? = nil)
        -> (spikes: SpikeRecord, states: [SimulationState], result: Result<SimulationResult, InputError>) {
        let recorder = SpikeRecorder()
        var states: [SimulationState] = []
        let asks = Counter()
        var interrupted: (@Sendable () -> Bool)? = nil
        if let batches { interrupted = { asks.increment() > batches } }
        let result: Result<SimulationResult, InputError>
        do {
            result = .success(try simulation.run(sink: recorder, interrupted: interrupted, checkpointSteps: checkpointSteps,
                                                 checkpoint: { (state: SimulationState) throws(InputError) in states.append(state) }))
        } catch {
            result = .failure(error)
        }
        return (recorder.spikes, states, result)
    }

    /// The spikes of `record` with stamp ≤ `step`, then those of `continuation`.
    static func joined(_ record: SpikeRecord, upTo step: Int, _ continuation: SpikeRecord) -> [BinarySpikeFile.Spike] {
        spikes(record).filter { Int($0.stamp) <= step } + spikes(continuation)
    }

    static func spikes(_ record: SpikeRecord) -> [BinarySpikeFile.Spike] {
        zip(record.neurons, record.stamps).map { BinarySpikeFile.Spike(neuron: $0, stamp: $1) }
    }

    @Test(arguments: [(ConnectivityMode.stored, 1, 1), (.stored, 2, 2), (.stored, 1, 2), (.stored, 2, 3),
                      (.procedural, 1, 1), (.procedural, 2, 2), (.procedural, 1, 2), (.procedural, 2, 3)])
    func resumedRunsEmitTheUninterruptedSpikes(connectivity: ConnectivityMode, threadsBefore: Int, threadsAfter: Int) throws {
        let network = TestNetworks.checkpointNetwork()
        let (uninterrupted, expected) = try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: 1))
            .runKeepingSpikes()
        #expect(uninterrupted.connectivity == connectivity)
        #expect(expected.count > 1000)
        // Checkpoints every 100 ms change nothing of the run itself.
        let checkpointed = Self.run(try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: threadsBefore)),
                                    checkpointSteps: 1000)
        #expect(checkpointed.spikes == expected)
        #expect(checkpointed.states.map(\.step) == [1000, 2000])
        for state in checkpointed.states {
            // The spike counts of the state are those up to its step.
            #expect(state.spikeCount == expected.stamps.filter { Int($0) <= state.step }.count)
            let resumed = try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: threadsAfter),
                                         resuming: state)
            let (result, continuation) = try resumed.runKeepingSpikes()
            #expect(Self.joined(expected, upTo: state.step, continuation) == Self.spikes(expected))
            #expect(result.spikeCount == uninterrupted.spikeCount)
            #expect(result.populationSpikeCounts == uninterrupted.populationSpikeCounts)
        }
    }

    /// The state at a step is the same whatever thread count produced it (stored: 1 thread
    /// exchanges nothing, 3 threads every step).
    @Test(arguments: [ConnectivityMode.stored, .procedural])
    func stateDoesNotDependOnTheThreadCount(connectivity: ConnectivityMode) throws {
        let network = TestNetworks.checkpointNetwork()
        var states: [[SimulationState]] = []
        for threads in [1, 3] {
            let run = Self.run(try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: threads)),
                               checkpointSteps: 1500)
            states.append(run.states.map { state in
                var state = state
                state.simulateSeconds = 0
                return state
            })
        }
        #expect(states[0].count == 1 && states[0] == states[1])
        // Both kinds of external drive and spikes in flight are part of it.
        #expect(!states[0][0].externalSpikeTimes.isEmpty && !states[0][0].recentSpikes.isEmpty)
    }

    /// An interruption stops the run at the next exchange after a checkpoint of that step; a run
    /// resumed from it (with another thread count) completes the uninterrupted spikes.
    @Test(arguments: [(ConnectivityMode.stored, 1), (.stored, 2), (.procedural, 2)])
    func interruptedRunsCheckpointWhereTheyStop(connectivity: ConnectivityMode, threads: Int) throws {
        let network = TestNetworks.checkpointNetwork()
        let expected = try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: 1))
            .runKeepingSpikes().spikes
        let interrupted = Self.run(try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: threads)),
                                   checkpointSteps: nil, interruptAfter: 20)
        guard case .failure(let error) = interrupted.result, let state = interrupted.states.last else {
            Issue.record("an interrupted run must throw after a checkpoint")
            return
        }
        #expect(interrupted.states.count == 1 && state.step > 0 && state.step < 3000)
        // The error names where the run stopped: the checkpoint's step.
        #expect(error.description == "interrupted at \(NESTTime.milliseconds(step: state.step, resolution: 0.1)) ms of 300.0 ms")
        // The sink got exactly the spikes up to the checkpoint.
        #expect(Self.spikes(interrupted.spikes) == Self.spikes(expected).filter { Int($0.stamp) <= state.step })
        let resumed = try Simulation(network: network, parameters: TestNetworks.checkpointParameters(connectivity, threads: 3 - threads),
                                     resuming: state).runKeepingSpikes().spikes
        #expect(Self.joined(expected, upTo: state.step, resumed) == Self.spikes(expected))
    }

    @Test func stateOfAnotherNetworkIsRefused() throws {
        let state = Self.run(try Simulation(network: TestNetworks.checkpointNetwork(), parameters: TestNetworks.checkpointParameters(.stored, threads: 1)),
                             checkpointSteps: 1000).states[0]
        #expect { try Simulation(network: TestNetworks.small(neuronsPerPopulation: 30), parameters: TestNetworks.checkpointParameters(.stored, threads: 1),
                                 resuming: state) } throws: { "\($0)".contains("another network") }
        var shorter = TestNetworks.checkpointParameters(.stored, threads: 1)
        shorter.duration = 50
        shorter.singleSpikes = []
        #expect { try Simulation(network: TestNetworks.checkpointNetwork(), parameters: shorter, resuming: state) } throws: {
            "\($0)".contains("beyond this simulation's 500 steps")
        }
    }
}

import Testing
@testable import Spiking

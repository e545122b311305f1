import Testing
@testable import Theory

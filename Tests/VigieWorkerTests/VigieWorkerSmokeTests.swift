import Testing
@testable import VigieWorker

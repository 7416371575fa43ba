import Testing
@testable import VigieMatch

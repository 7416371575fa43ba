import Testing
@testable import VigieStore

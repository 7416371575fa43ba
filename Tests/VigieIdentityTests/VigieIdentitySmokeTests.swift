import Testing
@testable import VigieIdentity

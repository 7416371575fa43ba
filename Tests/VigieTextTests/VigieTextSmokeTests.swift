import Testing
@testable import VigieText

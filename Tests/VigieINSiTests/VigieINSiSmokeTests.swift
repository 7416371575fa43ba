import Testing
@testable import VigieINSi

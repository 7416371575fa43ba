import Testing
@testable import VigieHL7

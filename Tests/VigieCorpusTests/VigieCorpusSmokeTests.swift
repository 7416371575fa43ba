import Testing
@testable import VigieCorpus

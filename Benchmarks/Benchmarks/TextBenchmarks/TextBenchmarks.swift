// Text layer benchmarks: normalisation (table fast path vs ICU on the same names), phonetic keys, and
// Jaro–Winkler (bit-parallel vs a textbook implementation, same pairs). Every benchmark processes one item
// per scaled iteration (scalingFactor .kilo), so the reported time is per name or per pair.
// Run: cd Benchmarks && swift package benchmark --target TextBenchmarks
import Benchmark
import Foundation
import Vigie

/// SplitMix64, so that samples are the same on every run.
struct SampleGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Distinct names of corpus/names (INSEE-based lists, see corpus/README.md), sorted.
func corpusNames() -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let directory = root.appendingPathComponent("corpus/names")
    var names = Set<String>()
    for file in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where file.hasSuffix(".txt") {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else { continue }
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        if lines.count >= 2 { for name in lines[1].split(separator: ",") where !name.isEmpty { names.insert(String(name)) } }
    }
    return names.sorted()
}

/// The textbook Jaro–Winkler (flags in arrays allocated per call, nested loops), as jellyfish's `jaro.rs`
/// is written: the reference the bit-parallel version is measured against.
func naiveJaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    if a.isEmpty || b.isEmpty { return 0 }
    let window = max(0, max(a.count, b.count) / 2 - 1)
    var flagsA = [Bool](repeating: false, count: a.count)
    var flagsB = [Bool](repeating: false, count: b.count)
    var matches = 0
    for i in a.indices {
        let low = max(0, i - window), high = min(b.count - 1, i + window)
        if low > high { continue }
        for j in low...high where !flagsB[j] && a[i] == b[j] {
            flagsA[i] = true
            flagsB[j] = true
            matches += 1
            break
        }
    }
    if matches == 0 { return 0 }
    var k = 0, transpositions = 0
    for i in a.indices where flagsA[i] {
        while !flagsB[k] { k += 1 }
        if a[i] != b[k] { transpositions += 1 }
        k += 1
    }
    let m = Double(matches)
    let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
    guard jaro > 0.7 else { return jaro }
    var prefix = 0
    while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
    return jaro + 0.1 * Double(prefix) * (1 - jaro)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .nanoseconds,
        warmupIterations: 3, scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 1_000)

    let all = corpusNames()
    var generator = SampleGenerator(state: 20_261_125)
    // 4096 names drawn from the corpus, and 4096 with at least one letter outside ASCII (accents, ligatures).
    let sample = (0..<4096).map { _ in all.randomElement(using: &generator)! }
    let accentedPool = all.filter { $0.unicodeScalars.contains { $0.value > 0x7F } }
    let accented = (0..<4096).map { _ in accentedPool.randomElement(using: &generator)! }
    let insForms = sample.compactMap { try? INSForm.normalise($0) }
    // Pairs of INS forms of at most 32 bytes: half a name and a typing variant, half two random names.
    let short = insForms.map { Array($0.utf8) }.filter { $0.count <= 32 && $0.count >= 2 }
    let pairs: [([UInt8], [UInt8])] = (0..<4096).map { index in
        let a = short.randomElement(using: &generator)!
        if index % 2 == 1 { return (a, short.randomElement(using: &generator)!) }
        var b = a
        let position = Int.random(in: 0..<(b.count - 1), using: &generator)
        b.swapAt(position, position + 1)
        b[Int.random(in: 0..<b.count, using: &generator)] = UInt8.random(in: 0x41...0x5A, using: &generator)
        return (a, b)
    }

    func cycle<T>(_ items: [T], _ benchmark: Benchmark, _ body: (T) -> Void) {
        var index = 0
        for _ in benchmark.scaledIterations {
            body(items[index])
            index = index + 1 == items.count ? 0 : index + 1
        }
    }

    Benchmark("INSForm.normalise corpus names, table path") { benchmark in
        cycle(sample, benchmark) { blackHole(try? INSForm.normalise($0)) }
    }
    Benchmark("INSForm.normalise corpus names, ICU (referenceNormalise)") { benchmark in
        cycle(sample, benchmark) { blackHole(try? INSForm.referenceNormalise($0)) }
    }
    Benchmark("INSForm.normalise accented names, table path") { benchmark in
        cycle(accented, benchmark) { blackHole(try? INSForm.normalise($0)) }
    }
    Benchmark("INSForm.normalise accented names, ICU (referenceNormalise)") { benchmark in
        cycle(accented, benchmark) { blackHole(try? INSForm.referenceNormalise($0)) }
    }
    // The byte API, as the matcher's hot loop uses it: UTF-8 bytes in (as read from a file), one output buffer
    // reused for every name. ICU's side starts from the same bytes and ends in the same buffer (decoding to
    // UTF-16, which ICU needs, included), so both rows produce identical bytes.
    let sampleUTF8 = sample.map { Array($0.utf8) }
    let accentedUTF8 = accented.map { Array($0.utf8) }
    func cycleBytes(
        _ items: [[UInt8]], _ benchmark: Benchmark,
        _ api: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>, Int) throws(TraitTextError) -> Int
    ) {
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: INSForm.defaultLimit)
        defer { output.deallocate() }
        cycle(items, benchmark) { utf8 in
            utf8.withUnsafeBufferPointer { input in blackHole(try? api(input, output, INSForm.defaultLimit)) }
        }
    }
    Benchmark("INSForm.normalise(utf8:into:) corpus names, table path") { benchmark in
        cycleBytes(sampleUTF8, benchmark, INSForm.normalise(utf8:into:limit:))
    }
    Benchmark("INSForm.referenceNormalise(utf8:into:) corpus names, ICU") { benchmark in
        cycleBytes(sampleUTF8, benchmark, INSForm.referenceNormalise(utf8:into:limit:))
    }
    Benchmark("INSForm.normalise(utf8:into:) accented names, table path") { benchmark in
        cycleBytes(accentedUTF8, benchmark, INSForm.normalise(utf8:into:limit:))
    }
    Benchmark("INSForm.referenceNormalise(utf8:into:) accented names, ICU") { benchmark in
        cycleBytes(accentedUTF8, benchmark, INSForm.referenceNormalise(utf8:into:limit:))
    }
    Benchmark("NameForm corpus names") { benchmark in
        cycle(sample, benchmark) { blackHole(try? NameForm($0)) }
    }
    // Preparation's readers (issue #16): the byte fast paths against the scalar readers they are tested against.
    Benchmark("NameForm corpus names, reference path (scalars)") { benchmark in
        cycle(sample, benchmark) { blackHole(try? NameForm(reference: $0)) }
    }
    let firstNameLists = (0..<4096).map { index in
        (0...(index % 3)).map { _ in all.randomElement(using: &generator)! }.joined(separator: " ")
    }
    Benchmark("FirstNames lists of 1-3 corpus names, byte path") { benchmark in
        cycle(firstNameLists, benchmark) { blackHole(try? FirstNames($0)) }
    }
    Benchmark("FirstNames lists of 1-3 corpus names, reference path (scalars)") { benchmark in
        cycle(firstNameLists, benchmark) { blackHole(try? FirstNames(reference: $0)) }
    }
    let words = insForms.map { Array($0.utf8.filter { $0 >= 0x41 && $0 <= 0x5A }) }
    Benchmark("FrenchPhonetic.blockingKey(word:) per glued name, bytes") { benchmark in
        cycle(words, benchmark) { blackHole(FrenchPhonetic.blockingKey(word: $0)) }
    }
    Benchmark("FrenchPhonetic.blockingKey per glued name, String (reference)") { benchmark in
        cycle(words, benchmark) { blackHole(FrenchPhonetic.blockingKey(String(decoding: $0, as: UTF8.self))) }
    }
    Benchmark("FrenchPhonetic.phonex per name") { benchmark in
        cycle(insForms, benchmark) { blackHole(FrenchPhonetic.phonex($0)) }
    }
    Benchmark("FrenchPhonetic.soundex2 per name") { benchmark in
        cycle(insForms, benchmark) { blackHole(FrenchPhonetic.soundex2($0)) }
    }
    Benchmark("FrenchPhonetic.sonnex per name") { benchmark in
        cycle(insForms, benchmark) { blackHole(FrenchPhonetic.sonnex($0)) }
    }
    Benchmark("FrenchPhonetic.blockingKey per name") { benchmark in
        cycle(insForms, benchmark) { blackHole(FrenchPhonetic.blockingKey($0)) }
    }
    Benchmark("StringSimilarity.jaroWinkler per pair (<= 32 bytes)") { benchmark in
        cycle(pairs, benchmark) { pair in
            pair.0.withUnsafeBufferPointer { a in
                pair.1.withUnsafeBufferPointer { b in blackHole(StringSimilarity.jaroWinkler(a, b)) }
            }
        }
    }
    Benchmark("naive Jaro-Winkler per pair (<= 32 bytes), reference") { benchmark in
        cycle(pairs, benchmark) { blackHole(naiveJaroWinkler($0.0, $0.1)) }
    }
    Benchmark("StringSimilarity.damerauLevenshtein per pair (<= 32 bytes)") { benchmark in
        cycle(pairs, benchmark) { blackHole(StringSimilarity.damerauLevenshtein($0.0, $0.1)) }
    }
}

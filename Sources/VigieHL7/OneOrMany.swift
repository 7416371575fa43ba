/// A list that holds its only element inline: fields, repetitions and components are one value most of the time,
/// and an array each is a heap allocation (and a release) per level and per value of every parsed message.
///
/// Always normalised (`one` exactly when there is one element), so the synthesised equality and hashing agree
/// with the arrays'.
enum OneOrMany<Element: Sendable & Hashable>: Sendable, Hashable {
    case one(Element)
    case many([Element])

    @inline(__always)
    init(_ elements: [Element]) {
        self = elements.count == 1 ? .one(elements[0]) : .many(elements)
    }

    /// The elements as an array (allocates for `one`: for callers that want the array itself).
    var array: [Element] {
        switch self {
        case .one(let element): [element]
        case .many(let elements): elements
        }
    }

    var count: Int {
        switch self {
        case .one: 1
        case .many(let elements): elements.count
        }
    }

    var first: Element? {
        switch self {
        case .one(let element): element
        case .many(let elements): elements.first
        }
    }

    /// Element `index` (0-based); the caller checks the bounds.
    subscript(index: Int) -> Element {
        switch self {
        case .one(let element): element
        case .many(let elements): elements[index]
        }
    }

    func allSatisfy(_ predicate: (Element) -> Bool) -> Bool {
        switch self {
        case .one(let element): predicate(element)
        case .many(let elements): elements.allSatisfy(predicate)
        }
    }

    /// Calls `body` with each element and its 0-based position, without building an array.
    @inline(__always)
    func forEach(_ body: (Int, Element) -> Void) {
        switch self {
        case .one(let element): body(0, element)
        case .many(let elements): for (index, element) in elements.enumerated() { body(index, element) }
        }
    }
}

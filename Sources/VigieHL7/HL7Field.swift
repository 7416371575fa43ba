/// One field of a segment: its repetitions, each made of components, each made of subcomponents.
///
/// Values are held decoded (escape sequences resolved). An empty field has no repetition. HL7's explicit null
/// `""` ("delete this value") is kept as the two characters `""`; see `isNull`.
public struct HL7Field: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Most fields have one repetition: held without an array (see `OneOrMany`).
    var storage: OneOrMany<HL7Repetition>

    /// The field's repetitions, in order.
    public var repetitions: [HL7Repetition] {
        get { storage.array }
        set { storage = OneOrMany(newValue) }
    }

    /// Creates a field from its repetitions.
    public init(repetitions: [HL7Repetition]) {
        storage = OneOrMany(repetitions)
    }

    /// A field of one repetition.
    init(_ repetition: HL7Repetition) {
        storage = .one(repetition)
    }

    /// A field holding one simple value (an empty string makes an empty field).
    public init(_ value: String) {
        storage = value.isEmpty ? .many([]) : .one(HL7Repetition(HL7Component(value)))
    }

    /// A field holding one repetition made of these components.
    public init(components: [String]) {
        let repetition = HL7Repetition(components: components.map(HL7Component.init))
        storage = repetition.isEmpty ? .many([]) : .one(repetition)
    }

    /// A field holding one simple value.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// An empty field.
    public static let empty = HL7Field(repetitions: [])

    /// True when the field carries no value at all.
    public var isEmpty: Bool { storage.allSatisfy(\.isEmpty) }

    /// True when the field is HL7's explicit null `""`: the sender asks the receiver to delete the value.
    public var isNull: Bool {
        if case .one(let repetition) = storage { return repetition.isNull }
        return false
    }

    /// The first repetition (empty when there is none).
    public var first: HL7Repetition { storage.first ?? HL7Repetition(components: []) }

    /// The first subcomponent of the first component of the first repetition: the field's value when it is simple.
    public var value: String { first[1] }

    /// The value of component `component` (1-based) in the first repetition.
    public subscript(component: Int) -> String { first[component] }
}

/// One repetition of a field: its components.
public struct HL7Repetition: Sendable, Hashable {
    /// Most repetitions have one component: held without an array (see `OneOrMany`).
    var storage: OneOrMany<HL7Component>

    /// The components, in order (component 1 is at index 0).
    public var components: [HL7Component] {
        get { storage.array }
        set { storage = OneOrMany(newValue) }
    }

    /// Creates a repetition from its components.
    public init(components: [HL7Component]) {
        storage = OneOrMany(components)
    }

    /// A repetition of one component.
    init(_ component: HL7Component) {
        storage = .one(component)
    }

    /// Creates a repetition from simple component values.
    public init(_ values: [String]) {
        storage = OneOrMany(values.map(HL7Component.init))
    }

    /// True when every component is empty.
    public var isEmpty: Bool { storage.allSatisfy(\.isEmpty) }

    /// True when the repetition is HL7's explicit null `""`.
    public var isNull: Bool {
        if case .one(let component) = storage, case .one(let value) = component.storage { return value == HL7.null }
        return false
    }

    /// The first subcomponent of component `component` (1-based); empty when absent.
    public subscript(component: Int) -> String {
        guard component >= 1, component <= storage.count else { return "" }
        return storage[component - 1].value
    }

    /// Component `component` (1-based) with its subcomponents; empty when absent.
    public func component(_ component: Int) -> HL7Component {
        guard component >= 1, component <= storage.count else { return HL7Component("") }
        return storage[component - 1]
    }
}

/// One component of a field repetition: its subcomponents.
public struct HL7Component: Sendable, Hashable {
    /// Most components have one subcomponent: held without an array (see `OneOrMany`).
    var storage: OneOrMany<String>

    /// The subcomponents, in order (subcomponent 1 is at index 0).
    public var subcomponents: [String] {
        get { storage.array }
        set { storage = OneOrMany(newValue) }
    }

    /// Creates a component from its subcomponents.
    public init(subcomponents: [String]) {
        storage = OneOrMany(subcomponents)
    }

    /// Creates a component holding one value.
    public init(_ value: String) {
        storage = .one(value)
    }

    /// The first subcomponent: the component's value when it is simple.
    public var value: String { storage.first ?? "" }

    /// Subcomponent `subcomponent` (1-based); empty when absent.
    public subscript(subcomponent: Int) -> String {
        guard subcomponent >= 1, subcomponent <= storage.count else { return "" }
        return storage[subcomponent - 1]
    }

    /// True when every subcomponent is empty.
    public var isEmpty: Bool { storage.allSatisfy(\.isEmpty) }
}

/// Constants of the HL7 v2 encoding.
public enum HL7 {
    /// HL7's explicit null: a field or component holding `""` asks the receiver to delete the value.
    public static let null = "\"\""
}

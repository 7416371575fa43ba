/// One field of a segment: its repetitions, each made of components, each made of subcomponents.
///
/// Values are held decoded (escape sequences resolved). An empty field has no repetition. HL7's explicit null
/// `""` ("delete this value") is kept as the two characters `""`; see `isNull`.
public struct HL7Field: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The field's repetitions, in order.
    public var repetitions: [HL7Repetition]

    /// Creates a field from its repetitions.
    public init(repetitions: [HL7Repetition]) {
        self.repetitions = repetitions
    }

    /// A field holding one simple value (an empty string makes an empty field).
    public init(_ value: String) {
        self.repetitions = value.isEmpty ? [] : [HL7Repetition(components: [HL7Component(value)])]
    }

    /// A field holding one repetition made of these components.
    public init(components: [String]) {
        let repetition = HL7Repetition(components: components.map(HL7Component.init))
        self.repetitions = repetition.isEmpty ? [] : [repetition]
    }

    /// A field holding one simple value.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// An empty field.
    public static let empty = HL7Field(repetitions: [])

    /// True when the field carries no value at all.
    public var isEmpty: Bool { repetitions.allSatisfy(\.isEmpty) }

    /// True when the field is HL7's explicit null `""`: the sender asks the receiver to delete the value.
    public var isNull: Bool { repetitions.count == 1 && repetitions[0].isNull }

    /// The first repetition (empty when there is none).
    public var first: HL7Repetition { repetitions.first ?? HL7Repetition(components: []) }

    /// The first subcomponent of the first component of the first repetition: the field's value when it is simple.
    public var value: String { first[1] }

    /// The value of component `component` (1-based) in the first repetition.
    public subscript(component: Int) -> String { first[component] }
}

/// One repetition of a field: its components.
public struct HL7Repetition: Sendable, Hashable {
    /// The components, in order (component 1 is at index 0).
    public var components: [HL7Component]

    /// Creates a repetition from its components.
    public init(components: [HL7Component]) {
        self.components = components
    }

    /// Creates a repetition from simple component values.
    public init(_ values: [String]) {
        self.components = values.map(HL7Component.init)
    }

    /// True when every component is empty.
    public var isEmpty: Bool { components.allSatisfy(\.isEmpty) }

    /// True when the repetition is HL7's explicit null `""`.
    public var isNull: Bool { components.count == 1 && components[0].subcomponents == [HL7.null] }

    /// The first subcomponent of component `component` (1-based); empty when absent.
    public subscript(component: Int) -> String {
        guard component >= 1, component <= components.count else { return "" }
        return components[component - 1].value
    }

    /// Component `component` (1-based) with its subcomponents; empty when absent.
    public func component(_ component: Int) -> HL7Component {
        guard component >= 1, component <= components.count else { return HL7Component("") }
        return components[component - 1]
    }
}

/// One component of a field repetition: its subcomponents.
public struct HL7Component: Sendable, Hashable {
    /// The subcomponents, in order (subcomponent 1 is at index 0).
    public var subcomponents: [String]

    /// Creates a component from its subcomponents.
    public init(subcomponents: [String]) {
        self.subcomponents = subcomponents
    }

    /// Creates a component holding one value.
    public init(_ value: String) {
        self.subcomponents = [value]
    }

    /// The first subcomponent: the component's value when it is simple.
    public var value: String { subcomponents.first ?? "" }

    /// Subcomponent `subcomponent` (1-based); empty when absent.
    public subscript(subcomponent: Int) -> String {
        guard subcomponent >= 1, subcomponent <= subcomponents.count else { return "" }
        return subcomponents[subcomponent - 1]
    }

    /// True when every subcomponent is empty.
    public var isEmpty: Bool { subcomponents.allSatisfy(\.isEmpty) }
}

/// Constants of the HL7 v2 encoding.
public enum HL7 {
    /// HL7's explicit null: a field or component holding `""` asks the receiver to delete the value.
    public static let null = "\"\""
}

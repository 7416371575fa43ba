/// One element of a parsed XML document, with its namespace resolved.
///
/// INSi speaks a closed vocabulary (SOAP 1.2 envelope, WS-Addressing, the CNAM context headers and the
/// `RECSANSVITALE`/`RESULTAT` schemas), so Vigie keeps a small tree instead of a general DOM: elements,
/// attributes and character data. Comments and processing instructions are dropped; DTDs are refused.
public struct XMLElement: Sendable, Hashable {
    /// The namespace URI the element's prefix (or the default namespace) resolves to; nil when none.
    public var namespace: String?
    /// The local name, without prefix.
    public var localName: String
    /// The prefix as written (kept to reproduce QName-valued content such as `soap:Sender`).
    public var prefix: String?
    /// Attributes in document order (namespace declarations excluded).
    public var attributes: [XMLAttribute]
    /// Child elements in document order.
    public var children: [XMLElement]
    /// The character data directly inside this element, concatenated (entities and CDATA decoded).
    public var text: String
    /// Byte offset of the start tag in the document, for error messages.
    public var offset: Int
    /// The namespace bindings in scope at this element (prefix "" is the default namespace).
    public var namespacesInScope: [String: String]

    /// Creates an element.
    public init(
        namespace: String?, localName: String, prefix: String? = nil, attributes: [XMLAttribute] = [],
        children: [XMLElement] = [], text: String = "", offset: Int = 0, namespacesInScope: [String: String] = [:]
    ) {
        self.namespace = namespace
        self.localName = localName
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
        self.text = text
        self.offset = offset
        self.namespacesInScope = namespacesInScope
    }

    /// The first child with this namespace and local name.
    public func child(_ namespace: String?, _ localName: String) -> XMLElement? {
        children.first { $0.localName == localName && $0.namespace == namespace }
    }

    /// All children with this namespace and local name, in order.
    public func children(_ namespace: String?, _ localName: String) -> [XMLElement] {
        children.filter { $0.localName == localName && $0.namespace == namespace }
    }

    /// The value of an attribute without namespace (or with the given one).
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        attributes.first { $0.localName == localName && $0.namespace == namespace }?.value
    }

    /// Resolves a QName-valued text (`prefix:local`) against the namespaces in scope.
    public func resolveQName(_ qname: String) -> (namespace: String?, localName: String) {
        if let colon = qname.firstIndex(of: ":") {
            let prefix = String(qname[..<colon])
            return (namespacesInScope[prefix], String(qname[qname.index(after: colon)...]))
        }
        return (namespacesInScope[""], qname)
    }
}

/// An attribute of an ``XMLElement``.
public struct XMLAttribute: Sendable, Hashable {
    /// Namespace URI of a prefixed attribute; nil for unprefixed attributes (XML Namespaces §6.2).
    public var namespace: String?
    /// Local name.
    public var localName: String
    /// Decoded value.
    public var value: String

    /// Creates an attribute.
    public init(namespace: String? = nil, localName: String, value: String) {
        self.namespace = namespace
        self.localName = localName
        self.value = value
    }
}

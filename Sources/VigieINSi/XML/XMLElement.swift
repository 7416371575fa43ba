/// One element of a parsed XML document, with its namespace resolved.
///
/// INSi speaks a closed vocabulary (SOAP 1.2 envelope, WS-Addressing, the CNAM context headers and the
/// `RECSANSVITALE`/`RESULTAT` schemas), so Vigie keeps a small tree instead of a general DOM: elements,
/// attributes and character data. Comments and processing instructions are dropped; DTDs are refused.
public struct XMLElement: Sendable {
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
    /// The namespace declarations in force at this element: a chain shared with its ancestors, so that an
    /// element costs one link per declaration it makes, not a copy of every binding in scope (a copy per
    /// element made the parser quadratic: issue #18 §7.3).
    var scope: NamespaceScope?

    /// The namespace bindings in scope at this element (prefix "" is the default namespace). Built on demand.
    public var namespacesInScope: [String: String] {
        var bindings: [String: String] = [:]
        var seen: Set<String> = []
        var link = scope
        while let current = link {
            // The innermost declaration of a prefix wins; `xmlns=""` leaves the default namespace unbound.
            if seen.insert(current.prefix).inserted, !current.undeclares { bindings[current.prefix] = current.uri }
            link = current.parent
        }
        return bindings
    }

    /// The namespace `prefix` ("" for the default namespace) is bound to here; nil when unbound.
    public func namespace(forPrefix prefix: String) -> String? {
        var link = scope
        while let current = link {
            if current.prefix == prefix { return current.undeclares ? nil : current.uri }
            link = current.parent
        }
        return nil
    }

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
        var chain: NamespaceScope?
        for (prefix, uri) in namespacesInScope.sorted(by: { $0.key < $1.key }) {
            chain = NamespaceScope(prefix: prefix, uri: uri, parent: chain)
        }
        self.scope = chain
    }

    init(
        namespace: String?, localName: String, prefix: String?, attributes: [XMLAttribute], offset: Int, scope: NamespaceScope?
    ) {
        self.namespace = namespace
        self.localName = localName
        self.prefix = prefix
        self.attributes = attributes
        self.children = []
        self.text = ""
        self.offset = offset
        self.scope = scope
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
            return (namespace(forPrefix: prefix), String(qname[qname.index(after: colon)...]))
        }
        return (namespace(forPrefix: ""), qname)
    }
}

extension XMLElement: Hashable {
    public static func == (a: XMLElement, b: XMLElement) -> Bool {
        a.namespace == b.namespace && a.localName == b.localName && a.prefix == b.prefix && a.attributes == b.attributes
            && a.children == b.children && a.text == b.text && a.offset == b.offset
            && (a.scope === b.scope || a.namespacesInScope == b.namespacesInScope)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(localName)
        hasher.combine(prefix)
        hasher.combine(attributes)
        hasher.combine(children)
        hasher.combine(text)
        hasher.combine(offset)
    }
}

/// One namespace declaration and the declarations in force around it (immutable, shared by descendants).
final class NamespaceScope: Sendable {
    let prefix: String
    /// The bound URI; empty with `undeclares` for `xmlns=""`.
    let uri: String
    /// `xmlns=""`: the default namespace is undeclared here.
    let undeclares: Bool
    let parent: NamespaceScope?

    init(prefix: String, uri: String, parent: NamespaceScope?) {
        self.prefix = prefix
        self.uri = uri
        self.undeclares = prefix.isEmpty && uri.isEmpty
        self.parent = parent
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

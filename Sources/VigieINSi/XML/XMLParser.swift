/// What is wrong with an XML document, and where (byte offset from the start of the document).
public enum XMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document ended inside a construct.
    case unexpectedEnd(offset: Int)
    /// A byte that cannot start or continue the construct at that point.
    case unexpectedByte(offset: Int, expected: String)
    /// An end tag that does not close the open element.
    case mismatchedEndTag(offset: Int)
    /// An entity or character reference that is unknown or invalid.
    case invalidReference(offset: Int)
    /// A prefix used without a namespace declaration in scope.
    case undeclaredPrefix(offset: Int)
    /// A `<!DOCTYPE` (refused: no entity expansion, no external resources).
    case doctypeNotAllowed(offset: Int)
    /// More nesting than the limit.
    case tooDeep(offset: Int, limit: Int)
    /// The bytes are not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// No root element, or content after it.
    case notOneRootElement(offset: Int)
    /// The same attribute twice on one element.
    case duplicateAttribute(offset: Int)
    /// More attributes (namespace declarations included) on one element than the limit.
    case tooManyAttributes(offset: Int, limit: Int)
    /// The document is larger than the limit, in bytes (refused before any parsing).
    case tooLarge(size: Int, limit: Int)

    public var description: String {
        switch self {
        case .unexpectedEnd(let o): return "XML: unexpected end of document at byte \(o)"
        case .unexpectedByte(let o, let e): return "XML: unexpected byte at \(o), expected \(e)"
        case .mismatchedEndTag(let o): return "XML: end tag at byte \(o) does not close the open element"
        case .invalidReference(let o): return "XML: invalid entity or character reference at byte \(o)"
        case .undeclaredPrefix(let o): return "XML: undeclared namespace prefix at byte \(o)"
        case .doctypeNotAllowed(let o): return "XML: DOCTYPE not allowed (byte \(o))"
        case .tooDeep(let o, let l): return "XML: nesting deeper than \(l) at byte \(o)"
        case .invalidUTF8(let o): return "XML: invalid UTF-8 at byte \(o)"
        case .notOneRootElement(let o): return "XML: the document must have exactly one root element (byte \(o))"
        case .duplicateAttribute(let o): return "XML: duplicate attribute at byte \(o)"
        case .tooManyAttributes(let o, let l): return "XML: more than \(l) attributes on the element at byte \(o)"
        case .tooLarge(let size, let l): return "XML: document of \(size) bytes, more than \(l)"
        }
    }
}

/// A small, strict, namespace-aware XML 1.0 parser for the closed vocabulary of INSi.
///
/// Why not FoundationXML: it needs libxml2 at run time on Linux and resolves entities and DTDs, which a
/// service exposed to the network must not do. This parser works on bytes, refuses DTDs, decodes the five
/// predefined entities and character references, and reports errors with their byte offset.
///
/// Linear in the document's size (issue #18 §7.3): namespace scopes are a shared chain with an undo log, not a
/// dictionary copied per element, and duplicate attributes are found with a set. Bounded: depth, attributes per
/// element and document size are capped, so that a hostile body costs at most a few times its size.
public enum XMLDocumentParser {
    /// Maximum element nesting accepted.
    public static let depthLimit = 64
    /// Maximum attributes on one element, namespace declarations included (an INSi element has a handful).
    public static let attributeLimit = 64
    /// Maximum document size in bytes (an INSi message is a few kilobytes).
    public static let sizeLimit = 1 << 20

    /// Parses a whole document and returns its root element.
    public static func parse(_ bytes: [UInt8]) throws(XMLSyntaxError) -> XMLElement {
        guard bytes.count <= sizeLimit else { throw .tooLarge(size: bytes.count, limit: sizeLimit) }
        var parser = Parser(bytes: bytes)
        return try parser.document()
    }

    /// Parses a whole document given as a string.
    public static func parse(_ text: String) throws(XMLSyntaxError) -> XMLElement {
        try parse(Array(text.utf8))
    }
}

private struct Parser {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private struct Frame {
        var element: XMLElement
        var qname: ArraySlice<UInt8>
        var text: [UInt8]
    }

    mutating func document() throws(XMLSyntaxError) -> XMLElement {
        guard validUTF8() else { throw .invalidUTF8(offset: firstInvalidUTF8()) }
        // A UTF-8 byte order mark is allowed.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        try misc()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "<") else { throw .notOneRootElement(offset: i) }
        let root = try element()
        try misc()
        guard i == bytes.count else { throw .notOneRootElement(offset: i) }
        return root
    }

    /// Whitespace, comments, processing instructions (incl. the XML declaration) outside the root.
    mutating func misc() throws(XMLSyntaxError) {
        while true {
            skipSpace()
            if starts("<?") { try skipPI() } else if starts("<!--") { try skipComment() } else if starts("<!DOCTYPE") {
                throw .doctypeNotAllowed(offset: i)
            } else { return }
        }
    }

    func starts(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return s.withUTF8Buffer { buffer in
            for k in 0..<n where bytes[i + k] != buffer[k] { return false }
            return true
        }
    }

    mutating func skipSpace() {
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
    }

    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    mutating func skipPI() throws(XMLSyntaxError) {
        i += 2
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "?"), bytes[i + 1] == UInt8(ascii: ">") { i += 2; return }
            i += 1
        }
        throw .unexpectedEnd(offset: bytes.count)
    }

    mutating func skipComment() throws(XMLSyntaxError) {
        i += 4
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") {
                guard bytes[i + 2] == UInt8(ascii: ">") else { throw .unexpectedByte(offset: i, expected: "'-->'") }
                i += 3
                return
            }
            i += 1
        }
        throw .unexpectedEnd(offset: bytes.count)
    }

    func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }

    func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    mutating func name() throws(XMLSyntaxError) -> ArraySlice<UInt8> {
        guard i < bytes.count else { throw .unexpectedEnd(offset: i) }
        guard isNameStart(bytes[i]) else { throw .unexpectedByte(offset: i, expected: "a name") }
        let start = i
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        return bytes[start..<i]
    }

    mutating func expect(_ b: UInt8, _ what: String) throws(XMLSyntaxError) {
        guard i < bytes.count else { throw .unexpectedEnd(offset: i) }
        guard bytes[i] == b else { throw .unexpectedByte(offset: i, expected: what) }
        i += 1
    }

    /// Parses the element starting at `i` (which is at `<`) and all its content, iteratively.
    /// The namespace bindings in force while parsing: `lookup` for O(1) resolution, `chain` (shared with the
    /// elements) for what each element keeps, and per open element the bindings its declarations replaced.
    private struct Namespaces {
        var lookup: [String: String] = ["xml": "http://www.w3.org/XML/1998/namespace"]
        var chain: NamespaceScope? = NamespaceScope(prefix: "xml", uri: "http://www.w3.org/XML/1998/namespace", parent: nil)
        var saved: [(chain: NamespaceScope?, replaced: [(prefix: String, uri: String?)])] = []

        mutating func push(_ declarations: [(prefix: String, uri: String)]) {
            var replaced: [(prefix: String, uri: String?)] = []
            let before = chain
            for (prefix, uri) in declarations {
                replaced.append((prefix, lookup[prefix]))
                lookup[prefix] = prefix.isEmpty && uri.isEmpty ? nil : uri
                chain = NamespaceScope(prefix: prefix, uri: uri, parent: chain)
            }
            saved.append((before, replaced))
        }

        mutating func pop() {
            let (before, replaced) = saved.removeLast()
            for (prefix, uri) in replaced.reversed() { lookup[prefix] = uri }
            chain = before
        }
    }

    mutating func element() throws(XMLSyntaxError) -> XMLElement {
        var stack: [Frame] = []
        var scopes = Namespaces()
        while true {
            // At '<' of a start tag.
            if stack.count >= XMLDocumentParser.depthLimit { throw .tooDeep(offset: i, limit: XMLDocumentParser.depthLimit) }
            let (frame, selfClosing) = try startTag(scopes: &scopes)
            var current = frame
            if selfClosing {
                scopes.pop()
                if stack.isEmpty { return current.element }
                stack[stack.count - 1].element.children.append(current.element)
                current = stack.removeLast()
            }
            // Content loop of `current` until a child start tag.
            while true {
                guard i < bytes.count else { throw .unexpectedEnd(offset: i) }
                let b = bytes[i]
                if b == UInt8(ascii: "<") {
                    if starts("</") {
                        let at = i
                        i += 2
                        let n = try name()
                        skipSpace()
                        try expect(UInt8(ascii: ">"), "'>'")
                        guard n.elementsEqual(current.qname) else { throw .mismatchedEndTag(offset: at) }
                        current.element.text = String(decoding: current.text, as: UTF8.self)
                        scopes.pop()
                        if stack.isEmpty { return current.element }
                        var parent = stack.removeLast()
                        parent.element.children.append(current.element)
                        current = parent
                        continue
                    } else if starts("<!--") {
                        try skipComment()
                    } else if starts("<![CDATA[") {
                        i += 9
                        var closed = false
                        while i + 2 < bytes.count {
                            if bytes[i] == UInt8(ascii: "]"), bytes[i + 1] == UInt8(ascii: "]"), bytes[i + 2] == UInt8(ascii: ">") {
                                i += 3
                                closed = true
                                break
                            }
                            current.text.append(bytes[i])
                            i += 1
                        }
                        if !closed { throw .unexpectedEnd(offset: bytes.count) }
                    } else if starts("<?") {
                        try skipPI()
                    } else if starts("<!") {
                        throw .doctypeNotAllowed(offset: i)
                    } else {
                        stack.append(current)
                        break  // a child start tag: back to the outer loop
                    }
                } else if b == UInt8(ascii: "&") {
                    try reference(into: &current.text)
                } else {
                    current.text.append(b)
                    i += 1
                }
            }
        }
    }

    /// Parses `<name attr="v" ...>` or `.../>`; pushes the namespace scope.
    private mutating func startTag(scopes: inout Namespaces) throws(XMLSyntaxError) -> (Frame, Bool) {
        let at = i
        i += 1
        let qname = try name()
        var raw: [(name: ArraySlice<UInt8>, value: String, offset: Int)] = []
        var names = Set<ArraySlice<UInt8>>()
        var selfClosing = false
        while true {
            let hadSpace = i < bytes.count && isSpace(bytes[i])
            skipSpace()
            guard i < bytes.count else { throw .unexpectedEnd(offset: i) }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            if starts("/>") { i += 2; selfClosing = true; break }
            guard hadSpace else { throw .unexpectedByte(offset: i, expected: "space, '>' or '/>'") }
            let attrAt = i
            guard raw.count < XMLDocumentParser.attributeLimit else {
                throw .tooManyAttributes(offset: at, limit: XMLDocumentParser.attributeLimit)
            }
            let n = try name()
            skipSpace()
            try expect(UInt8(ascii: "="), "'='")
            skipSpace()
            guard i < bytes.count else { throw .unexpectedEnd(offset: i) }
            let quote = bytes[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw .unexpectedByte(offset: i, expected: "a quoted value")
            }
            i += 1
            var value: [UInt8] = []
            while true {
                guard i < bytes.count else { throw .unexpectedEnd(offset: i) }
                let b = bytes[i]
                if b == quote { i += 1; break }
                if b == UInt8(ascii: "<") { throw .unexpectedByte(offset: i, expected: "no '<' in an attribute value") }
                if b == UInt8(ascii: "&") { try reference(into: &value); continue }
                // Attribute-value normalisation (XML 1.0 §3.3.3): whitespace characters become spaces.
                value.append(isSpace(b) ? 0x20 : b)
                i += 1
            }
            guard names.insert(n).inserted else { throw .duplicateAttribute(offset: attrAt) }
            raw.append((n, String(decoding: value, as: UTF8.self), attrAt))
        }
        var declarations: [(prefix: String, uri: String)] = []
        for a in raw {
            let s = String(decoding: a.name, as: UTF8.self)
            if s == "xmlns" { declarations.append(("", a.value)) } else if s.hasPrefix("xmlns:") {
                declarations.append((String(s.dropFirst(6)), a.value))
            }
        }
        scopes.push(declarations)
        let (prefix, local) = split(qname)
        let ns: String?
        if let prefix {
            guard let bound = scopes.lookup[prefix] else { throw .undeclaredPrefix(offset: at) }
            ns = bound
        } else {
            ns = scopes.lookup[""]
        }
        var attributes: [XMLAttribute] = []
        for a in raw {
            let s = String(decoding: a.name, as: UTF8.self)
            if s == "xmlns" || s.hasPrefix("xmlns:") { continue }
            let (p, l) = split(a.name)
            if let p {
                guard let bound = scopes.lookup[p] else { throw .undeclaredPrefix(offset: a.offset) }
                attributes.append(XMLAttribute(namespace: bound, localName: l, value: a.value))
            } else {
                attributes.append(XMLAttribute(namespace: nil, localName: l, value: a.value))
            }
        }
        let element = XMLElement(
            namespace: ns, localName: local, prefix: prefix, attributes: attributes, offset: at, scope: scopes.chain)
        return (Frame(element: element, qname: qname, text: []), selfClosing)
    }

    func split(_ qname: ArraySlice<UInt8>) -> (String?, String) {
        if let colon = qname.firstIndex(of: UInt8(ascii: ":")) {
            return (String(decoding: qname[..<colon], as: UTF8.self), String(decoding: qname[(colon + 1)...], as: UTF8.self))
        }
        return (nil, String(decoding: qname, as: UTF8.self))
    }

    /// Decodes `&name;` or `&#N;` / `&#xN;` at `i` and appends its UTF-8 bytes.
    mutating func reference(into out: inout [UInt8]) throws(XMLSyntaxError) {
        let at = i
        i += 1
        guard let semicolon = bytes[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { throw .invalidReference(offset: at) }
        let body = bytes[i..<semicolon]
        i = semicolon + 1
        switch String(decoding: body, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        case let s where s.hasPrefix("#"):
            let digits = s.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") { value = UInt32(digits.dropFirst(), radix: 16) } else { value = UInt32(digits, radix: 10) }
            guard let value, let scalar = Unicode.Scalar(value), isXMLChar(value) else { throw .invalidReference(offset: at) }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw .invalidReference(offset: at)
        }
    }

    func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
    }

    func validUTF8() -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    func firstInvalidUTF8() -> Int {
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            let len = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if len == 0 || k + len > bytes.count { return k }
            if String(validating: bytes[k..<(k + len)], as: UTF8.self) == nil { return k }
            k += len
        }
        return k
    }
}

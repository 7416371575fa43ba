/// The software calling INSi, as `ctxlps:ContexteLPS/LPS` carries it.
public struct SoftwareIdentification: Sendable, Hashable {
    /// `IDAM` with `R="4"`: the software authorisation number given by the CNDA.
    public var authorisationNumber: String
    /// `Version`: the software's version.
    public var version: String
    /// `Instance`: a UUID identifying this installation.
    public var instance: String
    /// `Nom`: e.g. `urn:lps:vigie:1.0`.
    public var name: String

    /// Creates a software identification.
    public init(authorisationNumber: String, version: String, instance: String, name: String) {
        self.authorisationNumber = authorisationNumber
        self.version = version
        self.instance = instance
        self.name = name
    }
}

/// A SOAP 1.2 request to INSi: the four header parts the WSDL declares (`wsse:Security`,
/// `ctxlps:ContexteLPS`, `wsa:MessageID`, `ctxbam:ContexteBAM`), `wsa:Action`, and the body.
///
/// Decoding keeps every header optional: checking that they are there is the service's job (the mock's),
/// which answers a fault, not a parse error.
public struct INSiRequest: Sendable, Hashable {
    /// `wsa:Action`, as sent.
    public var action: String?
    /// `wsa:MessageID` (`uuid:<UUID>`).
    public var messageID: String?
    /// Whether a `wsse:Security` header is present.
    public var hasSecurity: Bool
    /// Raw XML to put inside `wsse:Security` when encoding (a SAML assertion in CPS mode; empty in
    /// certificate mode, where the TLS client certificate authenticates the organisation).
    public var securityContent: String
    /// `ContexteLPS/Id`, `ContexteBAM/Id`: UUIDs of the contexts.
    public var contextLPSID: String?
    /// `ContexteBAM/Id`.
    public var contextBAMID: String?
    /// `Temps` of both contexts (UTC, ISO 8601 with milliseconds).
    public var time: String?
    /// `Emetteur` of both contexts (the user or structure calling).
    public var emitter: String?
    /// Whether a `ContexteLPS` header is present.
    public var hasContextLPS: Bool
    /// Whether a `ContexteBAM` header is present.
    public var hasContextBAM: Bool
    /// `ContexteLPS/LPS`, when present.
    public var software: SoftwareIdentification?
    /// The search body; nil when the body holds something else (see ``bodyElement``).
    public var search: TraitSearch?
    /// The body's first element, as parsed (for operations other than the traits search).
    public var bodyElement: XMLElement?
    /// When encoding an operation other than the traits search: the body's XML (used when `search` is nil).
    public var bodyXML: String?

    /// Creates a request to encode.
    public init(
        operation: INSiOperation, messageID: String, contextLPSID: String, contextBAMID: String, time: String,
        emitter: String, software: SoftwareIdentification, securityContent: String = "", search: TraitSearch
    ) {
        self.action = operation.rawValue
        self.messageID = messageID
        self.hasSecurity = true
        self.securityContent = securityContent
        self.contextLPSID = contextLPSID
        self.contextBAMID = contextBAMID
        self.time = time
        self.emitter = emitter
        self.hasContextLPS = true
        self.hasContextBAM = true
        self.software = software
        self.search = search
        self.bodyElement = nil
        self.bodyXML = nil
    }

    /// The envelope, in the shape of the captured client request (header order: ContexteBAM, ContexteLPS,
    /// wsa:Action, wsa:MessageID, wsse:Security).
    public var xml: String {
        let e = XMLEscaping.text
        let a = XMLEscaping.attribute
        var s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        s += "<soap:Envelope xmlns:soap=\"\(INSiNamespace.soap)\" xmlns:wsa=\"\(INSiNamespace.wsa)\""
        s += " xmlns:wsse=\"\(INSiNamespace.wsse)\" xmlns:ctxbam=\"\(INSiNamespace.contexteBAM)\""
        s += " xmlns:ctxlps=\"\(INSiNamespace.contexteLPS)\"><soap:Header>"
        if hasContextBAM {
            s += "<ctxbam:ContexteBAM Version=\"01_02\"><ctxbam:Id>\(e(contextBAMID ?? ""))</ctxbam:Id>"
            s += "<ctxbam:Temps>\(e(time ?? ""))</ctxbam:Temps><ctxbam:Emetteur>\(e(emitter ?? ""))</ctxbam:Emetteur>"
            s += "<ctxbam:COUVERTURE></ctxbam:COUVERTURE></ctxbam:ContexteBAM>"
        }
        if hasContextLPS {
            s += "<ctxlps:ContexteLPS Nature=\"CTXLPS\" Version=\"01_00\"><ctxlps:Id>\(e(contextLPSID ?? ""))</ctxlps:Id>"
            s += "<ctxlps:Temps>\(e(time ?? ""))</ctxlps:Temps><ctxlps:Emetteur>\(e(emitter ?? ""))</ctxlps:Emetteur>"
            if let software {
                s += "<ctxlps:LPS><ctxlps:IDAM R=\"\(a("4"))\">\(e(software.authorisationNumber))</ctxlps:IDAM>"
                s += "<ctxlps:Version>\(e(software.version))</ctxlps:Version>"
                s += "<ctxlps:Instance>\(e(software.instance))</ctxlps:Instance>"
                s += "<ctxlps:Nom>\(e(software.name))</ctxlps:Nom></ctxlps:LPS>"
            }
            s += "</ctxlps:ContexteLPS>"
        }
        if let action { s += "<wsa:Action>\(e(action))</wsa:Action>" }
        if let messageID { s += "<wsa:MessageID>\(e(messageID))</wsa:MessageID>" }
        if hasSecurity { s += "<wsse:Security>\(securityContent)</wsse:Security>" }
        s += "</soap:Header><soap:Body>"
        if let search { s += search.xml } else if let bodyXML { s += bodyXML }
        s += "</soap:Body></soap:Envelope>"
        return s
    }

    /// Decodes a request envelope (what the mock receives).
    public init(bytes: [UInt8]) throws(INSiMessageError) {
        let root: XMLElement
        do { root = try XMLDocumentParser.parse(bytes) } catch { throw .xml(error) }
        guard root.namespace == INSiNamespace.soap, root.localName == "Envelope",
            let body = root.child(INSiNamespace.soap, "Body")
        else { throw .notSOAPEnvelope }
        let header = root.child(INSiNamespace.soap, "Header")
        func headerText(_ ns: String, _ name: String) -> String? { header?.child(ns, name)?.text.trimmedXMLSpace }
        action = headerText(INSiNamespace.wsa, "Action")
        messageID = headerText(INSiNamespace.wsa, "MessageID")
        hasSecurity = header?.child(INSiNamespace.wsse, "Security") != nil
        securityContent = ""
        let lps = header?.child(INSiNamespace.contexteLPS, "ContexteLPS")
        let bam = header?.child(INSiNamespace.contexteBAM, "ContexteBAM")
        hasContextLPS = lps != nil
        hasContextBAM = bam != nil
        contextLPSID = lps?.child(INSiNamespace.contexteLPS, "Id")?.text
        contextBAMID = bam?.child(INSiNamespace.contexteBAM, "Id")?.text
        time = lps?.child(INSiNamespace.contexteLPS, "Temps")?.text
        emitter = lps?.child(INSiNamespace.contexteLPS, "Emetteur")?.text
        if let l = lps?.child(INSiNamespace.contexteLPS, "LPS") {
            let ns = INSiNamespace.contexteLPS
            let idam = l.child(ns, "IDAM")
            software = SoftwareIdentification(
                authorisationNumber: idam?.attribute("R") == "4" ? (idam?.text.trimmedXMLSpace ?? "") : "",
                version: l.child(ns, "Version")?.text ?? "", instance: l.child(ns, "Instance")?.text ?? "",
                name: l.child(ns, "Nom")?.text ?? "")
        } else {
            software = nil
        }
        guard body.children.count == 1, let first = body.children.first else {
            throw .unexpectedElement(path: "Body", offset: body.offset)
        }
        bodyElement = first
        bodyXML = nil
        if first.namespace == INSiNamespace.rechercheSansVitale, first.localName == "RECSANSVITALE" {
            search = try TraitSearch(element: first)
        } else {
            search = nil
        }
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    var trimmedXMLSpace: String {
        let u = Array(utf8)
        var lo = 0
        var hi = u.count
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while lo < hi, space(u[lo]) { lo += 1 }
        while hi > lo, space(u[hi - 1]) { hi -= 1 }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}

/// Namespace URIs and WS-Addressing actions of the INSi teleservice, as in the WSDL
/// `DESIR_ICIR_EXP_1.5.0.wsdl` (ServiceIdentiteCertifiee-v1) and its XSDs.
public enum INSiNamespace {
    /// SOAP 1.2 envelope.
    public static let soap = "http://www.w3.org/2003/05/soap-envelope"
    /// WS-Addressing 1.0.
    public static let wsa = "http://www.w3.org/2005/08/addressing"
    /// WS-Security 1.0 `wsse:Security`.
    public static let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
    /// SAML 2.0 assertion (inside `wsse:Security` in CPS mode).
    public static let saml = "urn:oasis:names:tc:SAML:2.0:assertion"
    /// `ctxlps:ContexteLPS` (schema `ROOT_ctxlps_CTXLPS_V01_00.xsd`).
    public static let contexteLPS = "urn:siram:lps:ctxlps"
    /// `ctxbam:ContexteBAM` (schema `ROOT_ctxbam_CTXBAM_V01_02.xsd`).
    public static let contexteBAM = "urn:siram:bam:ctxbam"
    /// `siram:Erreur`, the detail of every SOAP fault (schema `schema_faultSOAP_V01_01.xsd`).
    public static let siram = "urn:siram"
    /// `RECSANSVITALE`, the search by identity traits (`INSi_RECSANS_INS.xsd`).
    public static let rechercheSansVitale = "http://www.cnamts.fr/INSiRecSans"
    /// `RECVITALE`, the search with a Vitale card (`INSi_RECVITALE_INS.xsd`).
    public static let rechercheVitale = "http://www.cnamts.fr/INSiRecVit"
    /// `RESULTAT`, the answer of both searches (`INSi_RESULTAT_INS.xsd`).
    public static let resultat = "http://www.cnamts.fr/INSiResultat"
    /// The WSDL's target namespace.
    public static let webservice = "http://www.cnamts.fr/webservice"

    /// Vigie's best-knowledge namespace for the verification operation ("INSi lot 2"), whose WSDL is not
    /// public; the element names come from a third-party sample (`re-connect/sesame-ins:check_ins.xml`).
    public static let verification = "http://www.cnamts.fr/INSiLot2/REPUnitaire"
}

/// The operations the mock and the client speak, with their `wsa:Action`.
public enum INSiOperation: String, Sendable, Hashable, CaseIterable {
    /// Search by identity traits (WSDL operation `rechercherInsAvecTraitsIdentite`).
    case searchByTraits = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite"
    /// Search with a Vitale card (WSDL `rechercherInsAvecCarteVitale`); the mock answers it with a fault,
    /// since it needs a Vitale assertion Vigie cannot produce.
    case searchWithVitaleCard = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale"
    /// Verification of a known INS against its traits: NOT in WSDL 1.5.0. Vigie's best-knowledge shape
    /// (action name printed by the GIE SESAM-Vitale editor kit sample, see docs/insi.md).
    case verifyINS = "urn:ServiceIdentiteCertifiee:1.0.0:verifierInsAvecTraitsIdentite"

    /// The `wsa:Action` of the answer (the WSDL appends `Response`).
    public var responseAction: String { rawValue + "Response" }
}

// The `VigieEngine` library product: the engine without the INSi teleservice client.
// VigieINSi pulls NIOSSL and so BoringSSL, whose release build takes most of half an hour on a small machine;
// benchmarks and applications that never call the teleservice import this instead of `Vigie`.
// Like `Vigie`, this target only re-exports the layers (see DESIGN.md).
@_exported import VigieHL7
@_exported import VigieIdentity
@_exported import VigieMatch
@_exported import VigieRI
@_exported import VigieStore
@_exported import VigieSupport
@_exported import VigieText
@_exported import VigieWorker

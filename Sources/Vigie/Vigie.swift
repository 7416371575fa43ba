// The `Vigie` library product: one import for applications.
// Each layer stays its own module (see DESIGN.md); this target only re-exports them.
@_exported import VigieHL7
@_exported import VigieIdentity
@_exported import VigieINSi
@_exported import VigieMatch
@_exported import VigieRI
@_exported import VigieStore
@_exported import VigieSupport
@_exported import VigieText
@_exported import VigieWorker

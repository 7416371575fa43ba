/// The version of Vigie: the one place it is written (`vigie --version`, CHANGELOG.md's latest entry, checked by a
/// test). Semantic versioning; 0.x while the contracts may still change between waves.
public enum VigieVersion {
    public static let current = "0.3.0"
}

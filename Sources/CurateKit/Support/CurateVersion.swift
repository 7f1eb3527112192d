/// The version of curate, as `curate --version` prints it and manifests record it.
public enum CurateVersion {
    public static let current = "0.1.0"
}

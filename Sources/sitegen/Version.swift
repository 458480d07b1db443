import CBuildInfo
import SitegenParse

/// What `sitegen --version` prints. `make dist` and `make deb` read the
/// version from this file, so it is said once.
enum SitegenVersion {
    static let number = "0.9.0"

    static var description: String {
        "sitegen \(number) (commit \(String(cString: sitegen_build_commit())), libcmark \(CMark.libraryVersion))"
    }
}

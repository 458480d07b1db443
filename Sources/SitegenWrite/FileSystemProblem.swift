import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An I/O failure told in words: what sitegen was doing, on which path,
/// what the system said, and what the user can do about it. Foundation's
/// own descriptions ("Error Domain=NSCocoaErrorDomain Code=513 …") say
/// none of that.
package enum FileSystemProblem {
    /// "cannot ACTION 'PATH': REASON; ADVICE".
    /// - Parameter output: the output folder, named in the advice when the
    ///   fix is to build elsewhere.
    package static func message(_ action: String, _ path: String, _ code: Int32, for output: URL? = nil) -> String {
        "cannot \(action) '\(path)': \(reason(code)); \(advice(code, output: output))"
    }

    /// The same for a thrown error, with the path and error number it
    /// carries when it is a Foundation or POSIX error.
    package static func message(_ action: String, _ path: String, _ error: Error, for output: URL? = nil) -> String {
        if let failure = error as? OutputWriter.Failure { return failure.description }
        let (code, errorPath) = posixCode(of: error)
        guard let code else {
            return "cannot \(action) '\(errorPath ?? path)': \(error.localizedDescription)"
        }
        return message(action, errorPath ?? path, code, for: output)
    }

    /// The POSIX error number and path inside a Foundation error, if any.
    package static func posixCode(of error: Error) -> (Int32?, String?) {
        if let posix = error as? POSIXError { return (posix.code.rawValue, nil) }
        let nsError = error as NSError
        let path =
            (nsError.userInfo[NSFilePathErrorKey] as? String)
            ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
        if nsError.domain == NSPOSIXErrorDomain { return (Int32(nsError.code), path) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return (Int32(underlying.code), path)
        }
        // Foundation's own codes for the common cases, when no POSIX error rides along.
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return (EACCES, path)
        case .fileWriteOutOfSpace: return (ENOSPC, path)
        case .fileWriteVolumeReadOnly: return (EROFS, path)
        case .fileNoSuchFile, .fileReadNoSuchFile: return (ENOENT, path)
        case .fileWriteFileExists: return (EEXIST, path)
        default: return (nil, path)
        }
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "a folder on the way does not exist"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case ENAMETOOLONG: return "the path is too long"
        case EMFILE, ENFILE: return "too many files are open"
        case EIO: return "the disk reported an input/output error"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    private static func advice(_ code: Int32, output: URL?) -> String {
        let elsewhere = output == nil ? "" : ", or build into another folder with --output"
        switch code {
        case EACCES, EPERM:
            return
                "check that you may write there (the folder's owner and permissions, or an immutable attribute: lsattr -d)\(elsewhere)"
        case ENOSPC, EDQUOT:
            return "free some space and build again; the previous output is as it was"
        case EROFS:
            return "remount it writable\(elsewhere)"
        case ENOENT, ENOTDIR:
            return "check the path\(elsewhere)"
        case EMFILE, ENFILE:
            return "raise the limit (ulimit -n) or close other programs, and build again"
        default:
            return "fix the cause and build again; the previous output is as it was"
        }
    }
}

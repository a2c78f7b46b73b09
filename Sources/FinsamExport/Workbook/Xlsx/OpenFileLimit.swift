import Foundation

/// How many files the process may hold open, for sheets that each keep a temporary file open until the
/// workbook is closed: a national batch has more documents than the usual soft limit (1024) allows.
enum OpenFileLimit {
    /// Left for everything else: the inputs being read, the outputs, libxlsxwriter's own temporary files.
    static let margin = 256

    /// Whether `count` such files fit beside the margin, raising the soft limit towards the hard one if not.
    static func allows(_ count: Int) -> Bool {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return false }
        let needed = rlim_t(count + margin)
        if limit.rlim_cur == unlimited || limit.rlim_cur >= needed { return true }
        guard limit.rlim_max == unlimited || limit.rlim_max >= needed else { return false }
        // Raised in doublings, not by one per sheet.
        var raised = limit
        raised.rlim_cur = limit.rlim_max == unlimited ? needed * 2 : min(limit.rlim_max, needed * 2)
        return setrlimit(resource, &raised) == 0
    }

    /// RLIM_INFINITY, which Swift does not import (it is a cast of -1).
    private static let unlimited = rlim_t.max

    #if os(Linux)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}

import FinsamMapping
import Synchronization

/// Each distinct label's words (`LabelWords.normalised`) and role (`LabelRole`), read once for the batch: the
/// reports of a batch print the same lines over and over (hundreds of organisations, a handful of layouts), and
/// reading a role takes a dozen searches of the label. Shared by the tasks that check the organisations.
final class LabelMemo: Sendable {
    private let words = Mutex<[String: String]>([:])
    private let roles = Mutex<[String: LabelRole]>([:])

    /// `LabelWords.normalised(label)`.
    func normalised(_ label: String) -> String {
        if let known = words.withLock({ $0[label] }) { return known }
        let normalised = LabelWords.normalised(label)
        words.withLock { $0[label] = normalised }
        return normalised
    }

    private let totalHeaders = Mutex<[String: Bool]>([:])

    /// `ColumnTotalRule.isTotalHeader(header)`.
    func isTotalHeader(_ header: String) -> Bool {
        if let known = totalHeaders.withLock({ $0[header] }) { return known }
        let total = ColumnTotalRule.isTotalHeader(header)
        totalHeaders.withLock { $0[header] = total }
        return total
    }

    /// `LabelRole(normalised:)` of a label already normalised.
    func role(normalised: String) -> LabelRole {
        if let known = roles.withLock({ $0[normalised] }) { return known }
        let role = LabelRole(normalised: normalised)
        roles.withLock { $0[normalised] = role }
        return role
    }
}

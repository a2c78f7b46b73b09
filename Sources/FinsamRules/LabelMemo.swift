import FinsamMapping
import Synchronization

/// Each distinct label's words (`LabelWords.normalised`) and role (`LabelRole`), read once for the batch: the
/// reports of a batch print the same lines over and over (hundreds of organisations, a handful of layouts), and
/// reading a role takes a dozen searches of the label. Shared by the tasks that check the organisations.
///
/// The normalised texts, and the owners of lines (`RepeatedFigureRule.ownerKey`) and column keys, are numbered
/// for the batch: the repeat rule groups figures by those numbers and spells the texts only for the groups it
/// sorts.
final class LabelMemo: Sendable {
    private struct Texts {
        /// A raw label (or qualifier, or column key) → the number of its text.
        var byRaw: [String: Int32] = [:]
        /// The texts, numbered as `GroupOrder` numbers its names.
        var numbered = GroupOrder.Interned()

        var texts: [String] { numbered.strings }

        /// The number of `text`, numbering it if new.
        mutating func number(_ text: String) -> Int32 { numbered.id(text) }
    }

    /// Normalised labels, with what is asked of each per number.
    private struct Labels {
        var texts = Texts()
        var wordy: [Bool] = []
        var roles: [LabelRole?] = []
    }

    private let labels = Mutex(Labels())
    private let owners = Mutex(Texts())
    private let columnKeys = Mutex(Texts())

    /// The number of `LabelWords.normalised(label)` for the batch, and whether that text is wordy
    /// (`RepeatedFigureRule.isWordy`).
    func line(_ label: String) -> (id: Int32, wordy: Bool) {
        if let known = labels.withLock({ l in l.texts.byRaw[label].map { ($0, l.wordy[Int($0)]) } }) { return known }
        let normalised = LabelWords.normalised(label)
        let wordy = RepeatedFigureRule.isWordy(normalised)
        return labels.withLock { l in
            let id = l.texts.number(normalised)
            if Int(id) == l.wordy.count {
                l.wordy.append(wordy)
                l.roles.append(nil)
            }
            l.texts.byRaw[label] = id
            return (id, wordy)
        }
    }

    /// The normalised text numbered `id` by `line`.
    func text(_ id: Int32) -> String { labels.withLock { $0.texts.texts[Int(id)] } }

    /// `LabelWords.normalised(label)`.
    func normalised(_ label: String) -> String { text(line(label).id) }

    /// `LabelRole(normalised:)` of the text numbered `id` by `line`.
    func role(_ id: Int32) -> LabelRole {
        if let known = labels.withLock({ $0.roles[Int(id)] }) { return known }
        let role = LabelRole(normalised: text(id))
        labels.withLock { $0.roles[Int(id)] = role }
        return role
    }

    /// The number of `RepeatedFigureRule.ownerKey(qualifier)` for the batch; 0 is the empty key (no qualifier).
    func owner(_ qualifier: String?) -> Int32 {
        guard let qualifier else { return 0 }
        if let known = owners.withLock({ $0.byRaw[qualifier] }) { return known }
        let key = RepeatedFigureRule.ownerKey(qualifier)
        return owners.withLock { o in
            if o.texts.isEmpty { _ = o.number("") }
            let id = o.number(key)
            o.byRaw[qualifier] = id
            return id
        }
    }

    /// The owner key numbered `id` by `owner`.
    func ownerText(_ id: Int32) -> String { id == 0 ? "" : owners.withLock { $0.texts[Int(id)] } }

    /// The number of a column key (`RepeatedFigureRule.columnKey`) for the batch; 0 is the empty key.
    func columnKey(_ key: String) -> Int32 {
        if key.isEmpty { return 0 }
        return columnKeys.withLock { k in
            if k.texts.isEmpty { _ = k.number("") }
            return k.number(key)
        }
    }

    /// The column key numbered `id` by `columnKey`.
    func columnKeyText(_ id: Int32) -> String { id == 0 ? "" : columnKeys.withLock { $0.texts[Int(id)] } }

    private let totalHeaders = Mutex<[String: Bool]>([:])

    /// `ColumnTotalRule.isTotalHeader(header)`.
    func isTotalHeader(_ header: String) -> Bool {
        if let known = totalHeaders.withLock({ $0[header] }) { return known }
        let total = ColumnTotalRule.isTotalHeader(header)
        totalHeaders.withLock { $0[header] = total }
        return total
    }
}
